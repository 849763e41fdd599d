using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa lot issue|show|list</c> and <c>rwa provider</c>, <c>rwa bond</c>.</summary>
internal static class LotCommands
{
    public static Command Create(CommandRunner runner)
    {
        var lot = new Command("lot", "compute lots (ERC-1155 ids): issue, show, list");
        lot.Subcommands.Add(Issue(runner));
        lot.Subcommands.Add(Show(runner));
        lot.Subcommands.Add(List(runner));
        return lot;
    }

    public static Command CreateProvider(CommandRunner runner)
    {
        var address = CliArguments.Address("address", "the provider's address");
        var pool = CliOptions.Bytes32("--pool", "also assign this pool (a label of up to 32 bytes, or 0x + 64 hex digits)");
        return Operation.Sending(runner, "provider", "register a compute provider (REGISTRAR_ROLE) and optionally one of its pools", [address, pool], (invocation, signer) =>
        {
            var provider = invocation.Value(address);
            var poolId = invocation.Value(pool);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                TransactionResult result = null!;
                if (!await session.Client.Token.IsProviderAsync(provider, ct).ConfigureAwait(false))
                {
                    result = await session.Client.Token.RegisterProviderAsync(provider, ct).ConfigureAwait(false);
                }

                if (poolId is not null)
                {
                    result = await session.Client.Token.RegisterPoolAsync(poolId, provider, ct).ConfigureAwait(false);
                }

                return result is null
                    ? throw new CliInputException("address", $"{provider} is already a provider and no --pool was given; nothing to do.")
                    : ViewFactory.Operation("provider", $"registered provider {provider}" + (poolId is null ? string.Empty : " and pool " + Bytes32Text.Format(poolId)), result) with
                    {
                        Account = provider,
                        PoolId = poolId is null ? null : poolId.ToHex(true),
                    };
            });
        });
    }

    public static Command CreateBond(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var amount = CliArguments.Amount("amount", "in the lot's currency (12.5) or base units (12500000base)");
        return Operation.Sending(runner, "bond", "top up provider bond for a lot (issuing already pulls the bond that covers every outstanding unit)", [lotId, amount], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            var value = invocation.Value(amount);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var currency = await session.Currencies.OfLotAsync(id, ct).ConfigureAwait(false);
                var baseUnits = value.In(currency);
                return ViewFactory.Operation("bond", $"posted {currency.Format(baseUnits)} bond for lot {LotIdText.Short(id)}", await session.Client.Escrow.PostBondAsync(id, baseUnits, ct).ConfigureAwait(false)) with
                {
                    LotId = LotIdText.Format(id),
                    Amount = currency.Plain(baseUnits),
                    AmountBaseUnits = baseUnits.ToString(CultureInfo.InvariantCulture),
                    Currency = currency.View(),
                };
            });
        });
    }

    private static Command Issue(CommandRunner runner)
    {
        var pool = CliOptions.Bytes32("--pool", "the pool (label up to 32 bytes, or 0x + 64 hex digits)").AsRequired();
        var gpu = CliOptions.Label("--gpu", "GPU model, up to 16 bytes (H100-SXM5-80G)", size: 16).AsRequired();
        var region = CliOptions.Label("--region", "region, up to 16 bytes (eu-west)", size: 16).AsRequired();
        var starts = CliOptions.Time("--starts", "start of the delivery window: ISO-8601 or a duration from now").WithDefault(TimeSpec.Now);
        var ends = CliOptions.Time("--ends", "end of the delivery window: ISO-8601 or a duration from now (30d)").AsRequired();
        var price = CliOptions.Amount("--price", "reference price per GPU-hour in the lot's currency (3.5) or base units (3500000base)").AsRequired();
        // Required: the SLA is a term buyers rely on; an omitted one must not silently become 0 %.
        var sla = CliOptions.Bps("--sla", "guaranteed uptime: basis points (9900) or percent (99%); 0 means no SLA").AsRequired();
        var coverage = CliOptions.Create("--coverage-bps", "share of the reference price the bond backs per unit: basis points (1-10000) or percent (50%)", CoverageBps).WithDefault((ushort)10_000);
        var metadata = CliOptions.ExistingFile("--metadata", "the lot's metadata document (a file): its keccak256 becomes the lot's metadata hash");
        var metadataHash = CliOptions.Create("--metadata-hash", "the keccak256 of the lot's metadata document (0x + 64 hex, not zero); default: the hash of a description of the lot's terms", MetadataHash);
        var energy = CliOptions.WholeNumber<uint>("--energy", "watt-hours per GPU-hour", allowZero: true).WithDefault(0u);
        var units = CliOptions.Units("--units", "GPU-hours to issue").AsRequired();
        var to = CliOptions.Address("--to", "first holder (default: the signer, who must be the provider)");
        var provider = CliOptions.Address("--provider", "the provider (default: the signer)");
        var currency = CliOptions.Address("--currency", "the lot's settlement currency, a stablecoin the escrow accepts (default: the manifest's stablecoin); --price is read in its decimals");
        var interruptible = CliOptions.Create<ushort?>("--interruptible", "make the lot interruptible: the share of its capacity the provider may curtail, basis points (2000) or percent (20%); needs --curtail-refund and a window that has not started", text => UnitCount.ParseBps(text, "--interruptible") is > 0 and var bps ? bps : throw new CliInputException("--interruptible", $"'{text}' must be at least 1 bp."));
        var curtailRefund = CliOptions.Amount("--curtail-refund", "with --interruptible: refund per curtailed GPU-hour in the lot's currency (at most the bond per unit)");
        var capacity = CliOptions.Create<ulong?>("--capacity", "with --interruptible: the lot's capacity in GPU-hours, the most units it may ever have (default: --units)", text => UnitCount.ParseInteger<ulong>(text, "--capacity", allowZero: false));
        var command = Operation.Sending(runner, "issue", "create a lot and issue its first units (as the lot's provider); the escrow pulls the provider's bond (units x price x coverage, plus the refund cover of an interruptible lot)", [pool, gpu, region, starts, ends, price, sla, coverage, metadata, metadataHash, energy, units, to, provider, currency, interruptible, curtailRefund, capacity], async (invocation, signer) =>
        {
            var gpuModel = invocation.Required(gpu);
            var regionText = invocation.Required(region);
            var count = invocation.Value(units);
            var hash = invocation.Value(metadata) is { } file
                ? await HashFileAsync(file, invocation.CancellationToken).ConfigureAwait(false)
                : invocation.Value(metadataHash);
            return await Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var now = await session.ChainTimeAsync(ct).ConfigureAwait(false);
                var coin = invocation.Value(currency) is { } named ? await session.Currencies.GetAsync(named, ct).ConfigureAwait(false) : await session.Currencies.DefaultAsync(ct).ConfigureAwait(false);
                var terms = new LotTerms
                {
                    Provider = invocation.Value(provider) ?? session.Account,
                    PoolId = invocation.Required(pool),
                    GpuModel = gpuModel,
                    Region = regionText,
                    StartsAt = invocation.Value(starts).ResolveAt(now),
                    EndsAt = invocation.Value(ends).ResolveAt(now),
                    ReferencePrice = invocation.Required(price).In(coin),
                    SlaUptimeBps = invocation.Value(sla),
                    BondCoverageBps = invocation.Value(coverage),
                    EnergyWhPerGpuHour = invocation.Value(energy),
                    MetadataHash = [],
                    Currency = coin.Address,
                };
                var share = invocation.Value(interruptible);
                var curtailable = share is { } bps
                    ? new InterruptibleTerms(bps, invocation.Required(curtailRefund).In(coin), invocation.Value(capacity) ?? (ulong)count)
                    : null;
                terms = terms with { MetadataHash = hash ?? LotTerms.HashMetadata(Describe(terms) + (curtailable is null ? string.Empty : $"; interruptible: {curtailable.MaxCurtailBps} bps of {curtailable.CapacityUnits} GPU-hours, refund {curtailable.RefundPerCurtailedHour} base units per curtailed hour")) };
                var holder = invocation.Value(to) ?? session.Account;
                var result = curtailable is null
                    ? await session.Client.Token.IssueLotAsync(terms, holder, count, ct).ConfigureAwait(false)
                    : await session.Client.Curtailment.IssueInterruptibleLotAsync(terms, curtailable, holder, count, ct).ConfigureAwait(false);
                var kind = curtailable is null ? string.Empty : $" (interruptible: up to {curtailable.MaxCurtailBps / 100m:0.##}% curtailable, refund {coin.Format(curtailable.RefundPerCurtailedHour)} per curtailed hour)";
                return ViewFactory.Operation("lot.issue", $"issued {count} units of {gpuModel} ({regionText}){kind}", result) with
                {
                    LotId = LotIdText.Format(result.Value),
                    PoolId = terms.PoolId.ToHex(true),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                    Currency = coin.View(),
                };
            }).ConfigureAwait(false);
        });
        command.Validators.Add(CommandValidators.NotBoth(metadata, metadataHash));
        command.Validators.Add(CommandValidators.Requires(interruptible, curtailRefund));
        command.Validators.Add(CommandValidators.Requires(curtailRefund, interruptible));
        command.Validators.Add(CommandValidators.Requires(capacity, interruptible));
        return command;
    }

    /// <summary>A lot's view: its terms, supply and currency, and its interruptible terms and curtailment if it has
    /// them.</summary>
    private static async Task<LotView> LotViewAsync(ChainSession session, BigInteger id, CancellationToken ct)
    {
        var lot = await session.Client.Token.GetLotAsync(id, ct).ConfigureAwait(false);
        var currency = await session.Currencies.OfLotAsync(id, ct).ConfigureAwait(false);
        var view = ViewFactory.Lot(lot, currency);
        return await session.Client.Curtailment.GetInterruptibleAsync(id, ct).ConfigureAwait(false) is { } interruptible
            ? view with { Interruptible = ViewFactory.Interruptible(interruptible, lot, currency) }
            : view;
    }

    /// <summary><c>--coverage-bps</c>: basis points or percent, at least 1 bp.</summary>
    private static ushort CoverageBps(string text) =>
        UnitCount.ParseBps(text, "--coverage-bps") is > 0 and var bps
            ? bps
            : throw new CliInputException("--coverage-bps", $"'{text}' must be at least 1 bp: the bond backs a share of every unit.");

    /// <summary><c>--metadata-hash</c>: 0x + 64 hex digits, not zero.</summary>
    private static byte[] MetadataHash(string hex)
    {
        var text = hex.Trim();
        if (text.Length != 66 || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !text[2..].All(char.IsAsciiHexDigit))
        {
            throw new CliInputException("--metadata-hash", $"'{hex}' is not 0x + 64 hex digits.");
        }

        var bytes = Convert.FromHexString(text.AsSpan(2));
        return bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0
            ? throw new CliInputException("--metadata-hash", $"'{hex}' is zero: the token requires the hash of the lot's metadata document.")
            : bytes;
    }

    /// <summary>The keccak256 of <c>--metadata FILE</c> (the parser checked that it exists).</summary>
    private static async Task<byte[]> HashFileAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return LotTerms.HashMetadata(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException("--metadata", $"cannot read '{file}': {ex.Message}");
        }
    }

    /// <summary>The text whose hash stands for the metadata document when none is given: the lot's terms.</summary>
    private static string Describe(LotTerms terms) => string.Create(
        CultureInfo.InvariantCulture,
        $"rwacompute lot v1: provider={terms.Provider} pool={Bytes32Text.Format(terms.PoolId)} gpu={terms.GpuModel} region={terms.Region} starts={terms.StartsAt.ToUnixTimeSeconds()} ends={terms.EndsAt.ToUnixTimeSeconds()} price={terms.ReferencePrice} sla={terms.SlaUptimeBps} coverage={terms.BondCoverageBps} energy={terms.EnergyWhPerGpuHour}");

    private static Command Show(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var command = new Command("show", "show a lot's terms and supply") { lotId };
        runner.SetAction(command, async invocation =>
        {
            var id = invocation.Value(lotId);
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var view = await LotViewAsync(session, id, invocation.CancellationToken).ConfigureAwait(false);
            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson(view, CliJsonContext.Default.LotView);
            }
            else
            {
                invocation.Console.Out.Write(Tables.Lot(view));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var fromBlock = CliOptions.Create<long?>("--from-block", "first block to scan (default: the token's deployment block)", text => UnitCount.ParseInteger<long>(text, "--from-block", allowZero: true));
        var command = new Command("list", "list every lot (from the token's LotCreated events)") { fromBlock };
        runner.SetAction(command, async invocation =>
        {
            var ct = invocation.CancellationToken;
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var start = invocation.Value(fromBlock) ?? session.Manifest.Contracts[Sdk.Deployment.ManifestContractNames.Token].BlockNumber ?? 0;
            var events = await session.Client.Events.GetAsync(new BlockRange(start), ct).ConfigureAwait(false);
            var lots = new List<LotView>();
            foreach (var created in events.Select(e => e.As<LotCreatedEventDTO>()).OfType<LotCreatedEventDTO>())
            {
                lots.Add(await LotViewAsync(session, created.LotId, ct).ConfigureAwait(false));
            }

            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson<IReadOnlyList<LotView>>(lots, CliJsonContext.Default.IReadOnlyListLotView);
            }
            else
            {
                invocation.Console.Out.Write(Tables.Lots(lots));
                invocation.Console.Line(lots.Count.ToString(CultureInfo.InvariantCulture) + " lot(s).");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

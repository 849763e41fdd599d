using System.CommandLine;
using System.Globalization;
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
        var address = Operation.Argument("address", "the provider's address");
        var pool = Operation.Option("--pool", "also assign this pool (a label of up to 32 bytes, or 0x + 64 hex digits)");
        return Operation.Sending(runner, "provider", "register a compute provider (REGISTRAR_ROLE) and optionally one of its pools", [address, pool], (invocation, signer) =>
        {
            var provider = Operation.Address(invocation.Value(address), "address");
            var poolId = invocation.Value(pool) is { } text ? Bytes32Text.Parse(text, "--pool") : null;
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
                    : ViewFactory.Transaction($"registered provider {provider}" + (poolId is null ? string.Empty : " and pool " + Bytes32Text.Format(poolId)), result);
            });
        });
    }

    public static Command CreateBond(CommandRunner runner)
    {
        var lotId = Operation.Argument("lot", "the lot id (0x hex or decimal)");
        var amount = Operation.Argument("amount", "USDC (12.5) or base units (12500000base)");
        return Operation.Sending(runner, "bond", "top up provider bond for a lot (issuing already pulls the bond that covers every outstanding unit)", [lotId, amount], (invocation, signer) =>
        {
            var id = LotIdText.Parse(invocation.Value(lotId), "lot");
            var value = UsdcAmount.Parse(invocation.Value(amount), "amount");
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Transaction($"posted {UsdcAmount.Format(value)} USDC bond for lot {LotIdText.Short(id)}", await session.Client.Escrow.PostBondAsync(id, value, ct).ConfigureAwait(false)));
        });
    }

    private static Command Issue(CommandRunner runner)
    {
        var pool = Operation.Option("--pool", "the pool (label up to 32 bytes, or 0x + 64 hex digits)");
        var gpu = Operation.Option("--gpu", "GPU model, up to 16 bytes (H100-SXM5-80G)");
        var region = Operation.Option("--region", "region, up to 16 bytes (eu-west)");
        var starts = Operation.Option("--starts", "start of the delivery window: ISO-8601 or a duration from now (default: now)");
        var ends = Operation.Option("--ends", "end of the delivery window: ISO-8601 or a duration from now (30d)");
        var price = Operation.Option("--price", "reference price per GPU-hour: USDC (3.5) or base units (3500000base)");
        var sla = Operation.Option("--sla", "guaranteed uptime: basis points (9900) or percent (99%)");
        var coverage = Operation.Option("--coverage-bps", "share of the reference price the bond backs per unit: basis points (1-10000) or percent (50%); default 10000 (100%)");
        var metadata = Operation.Option("--metadata", "the lot's metadata document (a file): its keccak256 becomes the lot's metadata hash");
        var metadataHash = Operation.Option("--metadata-hash", "the keccak256 of the lot's metadata document (0x + 64 hex, not zero); default: the hash of a description of the lot's terms");
        var energy = Operation.Option("--energy", "watt-hours per GPU-hour (default 0)");
        var units = Operation.Option("--units", "GPU-hours to issue");
        var to = Operation.Option("--to", "first holder (default: the signer, who must be the provider)");
        var provider = Operation.Option("--provider", "the provider (default: the signer)");
        return Operation.Sending(runner, "issue", "create a lot and issue its first units (as the lot's provider); the escrow pulls the provider's bond (units x price x coverage)", [pool, gpu, region, starts, ends, price, sla, coverage, metadata, metadataHash, energy, units, to, provider], (invocation, signer) =>
        {
            var poolId = Bytes32Text.Parse(invocation.Required(pool), "--pool");
            var gpuModel = invocation.Required(gpu);
            var regionText = invocation.Required(region);
            var referencePrice = UsdcAmount.Parse(invocation.Required(price), "--price");
            var slaBps = invocation.Value(sla) is { } s ? UnitCount.ParseBps(s, "--sla") : (ushort)0;
            var coverageBps = invocation.Value(coverage) is { } c ? UnitCount.ParseBps(c, "--coverage-bps") : (ushort)10_000;
            if (coverageBps == 0)
            {
                throw new CliInputException("--coverage-bps", "must be at least 1 bp: the bond backs a share of every unit.");
            }

            var hash = MetadataHashOf(invocation.Value(metadata), invocation.Value(metadataHash));
            var energyWh = invocation.Value(energy) is { } e ? UnitCount.ParseUInt64(e, "--energy", allowZero: true) : 0UL;
            if (energyWh > uint.MaxValue)
            {
                throw new CliInputException("--energy", "is too large (uint32).");
            }

            var count = UnitCount.Parse(invocation.Required(units), "--units");
            var holder = invocation.Value(to) is { } t ? Operation.Address(t, "--to") : null;
            var providerAddress = invocation.Value(provider) is { } p ? Operation.Address(p, "--provider") : null;
            var endsText = invocation.Required(ends);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var now = await session.ChainTimeAsync(ct).ConfigureAwait(false);
                var terms = new LotTerms
                {
                    Provider = providerAddress ?? session.Account,
                    PoolId = poolId,
                    GpuModel = gpuModel,
                    Region = regionText,
                    StartsAt = invocation.Value(starts) is { } st ? TimeText.Parse(st, "--starts", now) : now,
                    EndsAt = TimeText.Parse(endsText, "--ends", now),
                    ReferencePrice = referencePrice,
                    SlaUptimeBps = slaBps,
                    BondCoverageBps = coverageBps,
                    EnergyWhPerGpuHour = (uint)energyWh,
                    MetadataHash = [],
                };
                terms = terms with { MetadataHash = hash ?? LotTerms.HashMetadata(Describe(terms)) };
                var result = await session.Client.Token.IssueLotAsync(terms, holder ?? session.Account, count, ct).ConfigureAwait(false);
                return ViewFactory.Transaction($"issued {count} units of {gpuModel} ({regionText})", result, LotIdText.Format(result.Value));
            });
        });
    }

    /// <summary>The metadata hash from <c>--metadata FILE</c> or <c>--metadata-hash</c>, or <see langword="null"/> to
    /// derive it from the terms.</summary>
    private static byte[]? MetadataHashOf(string? file, string? hex)
    {
        if (file is not null && hex is not null)
        {
            throw new CliInputException("--metadata", "give either --metadata or --metadata-hash, not both.");
        }

        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new CliInputException("--metadata", $"file '{file}' not found.");
            }

            return LotTerms.HashMetadata(File.ReadAllBytes(file));
        }

        if (hex is null)
        {
            return null;
        }

        var text = hex.Trim();
        if (text.Length != 66 || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !text[2..].All(char.IsAsciiHexDigit))
        {
            throw new CliInputException("--metadata-hash", $"'{hex}' is not 0x + 64 hex digits.");
        }

        var bytes = Convert.FromHexString(text.AsSpan(2));
        return bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0
            ? throw new CliInputException("--metadata-hash", "is zero: the token requires the hash of the lot's metadata document.")
            : bytes;
    }

    /// <summary>The text whose hash stands for the metadata document when none is given: the lot's terms.</summary>
    private static string Describe(LotTerms terms) => string.Create(
        CultureInfo.InvariantCulture,
        $"rwacompute lot v1: provider={terms.Provider} pool={Bytes32Text.Format(terms.PoolId)} gpu={terms.GpuModel} region={terms.Region} starts={terms.StartsAt.ToUnixTimeSeconds()} ends={terms.EndsAt.ToUnixTimeSeconds()} price={terms.ReferencePrice} sla={terms.SlaUptimeBps} coverage={terms.BondCoverageBps} energy={terms.EnergyWhPerGpuHour}");

    private static Command Show(CommandRunner runner)
    {
        var lotId = Operation.Argument("lot", "the lot id (0x hex or decimal)");
        var command = new Command("show", "show a lot's terms and supply") { lotId };
        runner.SetAction(command, async invocation =>
        {
            var id = LotIdText.Parse(invocation.Value(lotId), "lot");
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var view = ViewFactory.Lot(await session.Client.Token.GetLotAsync(id, invocation.CancellationToken).ConfigureAwait(false));
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
        var fromBlock = new Option<long?>("--from-block") { Description = "first block to scan (default: the token's deployment block)" };
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
                lots.Add(ViewFactory.Lot(await session.Client.Token.GetLotAsync(created.LotId, ct).ConfigureAwait(false)));
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

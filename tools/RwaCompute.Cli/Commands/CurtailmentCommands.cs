using System.CommandLine;
using System.Globalization;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Parsing;
using RwaCompute.Sdk.Clients;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa curtailment sync|finalize|claim|claim-redemption</c>: interruptible lots (issued with
/// <c>rwa lot issue --interruptible</c>, shown by <c>rwa lot show</c>). Anyone may run each: sync a pool after its
/// reports, finalize a lot after its window, claim for a holder or a delivered redemption; the credits are withdrawn
/// with <c>rwa withdraw</c>.</summary>
internal static class CurtailmentCommands
{
    public static Command Create(CommandRunner runner)
    {
        var curtailment = new Command("curtailment", "interruptible lots: sync a pool's curtailed hours, finalize a lot, claim refunds (anyone)");
        curtailment.Subcommands.Add(Sync(runner));
        curtailment.Subcommands.Add(Finalize(runner));
        curtailment.Subcommands.Add(Claim(runner));
        curtailment.Subcommands.Add(ClaimRedemption(runner));
        return curtailment;
    }

    private static Command Sync(CommandRunner runner)
    {
        var pool = CliArguments.Bytes32("pool", "the pool (label up to 32 bytes, or 0x + 64 hex digits)");
        return Operation.Sending(runner, "sync", "count the pool's curtailed GPU-hours since its last sync against its live interruptible lot (from its latest fresh report)", [pool], (invocation, signer) =>
        {
            var poolId = invocation.Value(pool);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var result = await session.Client.Curtailment.SyncAsync(poolId, ct).ConfigureAwait(false);
                return ViewFactory.Operation("curtailment.sync", $"counted {result.Value} curtailed GPU-hours against the pool's interruptible lot", result) with
                {
                    PoolId = poolId.ToHex(true),
                    Units = result.Value.ToString(CultureInfo.InvariantCulture),
                };
            });
        });
    }

    private static Command Finalize(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        return Operation.Sending(runner, "finalize", "make an interruptible lot's curtailment final after its window and reserve the holders' refunds", [lotId], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var currency = await session.Currencies.OfLotAsync(id, ct).ConfigureAwait(false);
                var result = await session.Client.Curtailment.FinalizeAsync(id, ct).ConfigureAwait(false);
                return ViewFactory.Operation("curtailment.finalize", $"finalized; {currency.Format(result.Value)} reserved for the holders' refunds", result) with
                {
                    LotId = LotIdText.Format(id),
                    Amount = currency.Plain(result.Value),
                    AmountBaseUnits = result.Value.ToString(CultureInfo.InvariantCulture),
                    Currency = currency.View(),
                };
            });
        });
    }

    private static Command Claim(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var account = CliOptions.Address("--account", "the holder to credit (default: the signer)");
        return Operation.Sending(runner, "claim", "credit a holder in the escrow with its units' curtailment refund, once the lot is finalized and its units can no longer move", [lotId, account], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            var holder = invocation.Value(account);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var currency = await session.Currencies.OfLotAsync(id, ct).ConfigureAwait(false);
                var result = await session.Client.Curtailment.ClaimAsync(id, holder, ct).ConfigureAwait(false);
                var credited = holder ?? session.Account;
                return ViewFactory.Operation("curtailment.claim", $"credited {credited} with {currency.Format(result.Value)} in the escrow", result) with
                {
                    LotId = LotIdText.Format(id),
                    Account = credited,
                    Amount = currency.Plain(result.Value),
                    AmountBaseUnits = result.Value.ToString(CultureInfo.InvariantCulture),
                    Currency = currency.View(),
                };
            });
        });
    }

    private static Command ClaimRedemption(CommandRunner runner)
    {
        var id = CliArguments.Id("redemption", "the redemption id (delivered, of a finalized interruptible lot)");
        return Operation.Sending(runner, "claim-redemption", "credit a delivered redemption's holder with its units' curtailment refund (once)", [id], (invocation, signer) =>
        {
            var redemptionId = invocation.Value(id);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var redemption = await session.Client.Escrow.GetRedemptionAsync(redemptionId, ct).ConfigureAwait(false);
                var currency = await session.Currencies.OfLotAsync(redemption.LotId, ct).ConfigureAwait(false);
                var result = await session.Client.Curtailment.ClaimRedeemedAsync(redemptionId, ct).ConfigureAwait(false);
                return ViewFactory.Operation("curtailment.claim-redemption", $"credited {redemption.Holder} with {currency.Format(result.Value)} in the escrow", result) with
                {
                    RedemptionId = ViewFactory.Id(redemptionId),
                    LotId = LotIdText.Format(redemption.LotId),
                    Account = redemption.Holder,
                    Amount = currency.Plain(result.Value),
                    AmountBaseUnits = result.Value.ToString(CultureInfo.InvariantCulture),
                    Currency = currency.View(),
                };
            });
        });
    }
}

using System.CommandLine;
using System.Globalization;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa redeem</c>, <c>rwa confirm</c>, <c>rwa refund</c>: units for compute delivery, backed by the
/// provider's bond.</summary>
internal static class RedemptionCommands
{
    public static Command CreateRedeem(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var units = CliArguments.Units("units", "units to redeem (burned)");
        return Operation.Sending(runner, "redeem", "redeem units for compute delivery (units burned, a redemption opens)", [lotId, units], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            var count = invocation.Value(units);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var result = await session.Client.Escrow.RedeemAsync(id, count, ct).ConfigureAwait(false);
                return ViewFactory.Operation("redeem", $"redeemed {count} units of lot {LotIdText.Short(id)}", result) with
                {
                    RedemptionId = ViewFactory.Id(result.Value),
                    LotId = LotIdText.Format(id),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                };
            });
        });
    }

    public static Command CreateConfirm(CommandRunner runner)
    {
        var id = CliArguments.Id("redemption", "the redemption id");
        var oracle = new Option<bool>("--oracle") { Description = "confirm from the oracle's attested delivered GPU-hours (anyone may) instead of as the holder" };
        return Operation.Sending(runner, "confirm", "confirm a redemption's delivery; the provider is paid", [id, oracle], (invocation, signer) =>
        {
            var redemptionId = invocation.Value(id);
            var byOracle = invocation.Value(oracle);
            return Operation.SendAsync(invocation, signer, async (session, ct) => byOracle
                ? ViewFactory.Operation("confirm", $"confirmed redemption {redemptionId} by oracle attestation", await session.Client.Escrow.ConfirmDeliveryByOracleAsync(redemptionId, ct).ConfigureAwait(false)) with { RedemptionId = ViewFactory.Id(redemptionId), ByOracle = true }
                : ViewFactory.Operation("confirm", $"confirmed delivery of redemption {redemptionId}", await session.Client.Escrow.ConfirmDeliveryAsync(redemptionId, ct).ConfigureAwait(false)) with { RedemptionId = ViewFactory.Id(redemptionId), ByOracle = false });
        });
    }

    public static Command CreateRefund(CommandRunner runner)
    {
        var id = CliArguments.Id("redemption", "the redemption id");
        return Operation.Sending(runner, "refund", "claim the refund of a redemption past its deadline or below the SLA (paid from the provider's bond)", [id], (invocation, signer) =>
        {
            var redemptionId = invocation.Value(id);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Operation("refund", $"refunded redemption {redemptionId}", await session.Client.Escrow.ClaimRefundAsync(redemptionId, ct).ConfigureAwait(false)) with { RedemptionId = ViewFactory.Id(redemptionId) });
        });
    }
}

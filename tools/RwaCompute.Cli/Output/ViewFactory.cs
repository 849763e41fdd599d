using System.Globalization;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Cli.Output;

/// <summary>Turns the SDK's records into the printed views.</summary>
internal static class ViewFactory
{
    public static LotView Lot(LotInfo lot) => new(
        LotIdText.Format(lot.LotId),
        lot.Provider,
        Bytes32Text.Format(lot.PoolId),
        lot.GpuModel,
        lot.Region,
        lot.StartsAt,
        lot.EndsAt,
        UsdcAmount.Format(lot.ReferencePrice),
        lot.ReferencePrice.ToString(CultureInfo.InvariantCulture),
        lot.SlaUptimeBps,
        lot.BondCoverageBps,
        UsdcAmount.Format(lot.UnitCover),
        lot.EnergyWhPerGpuHour,
        lot.UnitsIssued,
        lot.UnitsBurned,
        lot.UnitsOutstanding,
        lot.MetadataHash.ToHex(true));

    public static SolvencyView Solvency(EscrowSolvency solvency, EscrowTotals totals) => new(
        UsdcAmount.Format(solvency.Balance),
        UsdcAmount.Format(solvency.Obligations),
        UsdcAmount.Format(totals.Credits),
        UsdcAmount.Format(totals.Bonds),
        UsdcAmount.Format(totals.Reserved),
        solvency.IsSolvent);

    public static OfferView Offer(OfferInfo offer, DateTimeOffset now) => new(
        Id(offer.OfferId),
        offer.Seller,
        LotIdText.Format(offer.LotId),
        offer.UnitsRemaining,
        UsdcAmount.Format(offer.PricePerUnit),
        offer.ExpiresAt,
        offer.Cancelled ? "Cancelled" : offer.UnitsRemaining == 0 ? "SoldOut" : offer.ExpiresAt <= now ? "Expired" : "Open");

    public static PledgeView Pledge(PledgeInfo pledge) => new(
        Id(pledge.PledgeId),
        pledge.Holder,
        pledge.Lender,
        LotIdText.Format(pledge.LotId),
        pledge.Units,
        UsdcAmount.Format(pledge.Principal),
        UsdcAmount.Format(pledge.Fee),
        pledge.Maturity,
        pledge.Status.ToString());

    public static RedemptionView Redemption(RedemptionInfo redemption) => new(
        Id(redemption.RedemptionId),
        redemption.Holder,
        LotIdText.Format(redemption.LotId),
        redemption.Units,
        UsdcAmount.Format(redemption.Reserved),
        redemption.Deadline,
        redemption.Status.ToString());

    public static ReportView Report(UtilizationReport report) => new(
        Bytes32Text.Format(report.PoolId),
        report.Epoch,
        report.UtilizationBps,
        report.UptimeBps,
        report.DeliveredGpuHours,
        report.EnergyKwh,
        report.SignerCount,
        report.ObservedAt);

    public static TransactionView Transaction(string action, TransactionResult result, string? id = null) => new(
        action,
        result.TransactionHash,
        result.BlockNumber,
        result.GasUsed.ToString(CultureInfo.InvariantCulture),
        id);

    public static AdminView Admin(AdminState state, DateTimeOffset chainTime) => new(
        state.Contract,
        state.Address,
        state.Admin,
        state.PendingAdmin,
        state.PendingSchedule,
        state.HasPendingTransfer ? state.IsAcceptableAt(chainTime) : null,
        state.DelaySeconds);

    public static TimelockView Timelock(TimelockOperationStatus operation) => new(
        operation.Timelock,
        operation.MinDelaySeconds.ToString(CultureInfo.InvariantCulture),
        operation.OperationId,
        operation.State.ToString(),
        operation.ReadyAt);

    public static TimelockStepView TimelockStep(TimelockStep step) => new(
        step.Action.ToString(),
        step.Operation.Timelock,
        step.Operation.OperationId,
        step.Operation.State.ToString(),
        step.Operation.ReadyAt,
        step.Transaction is null ? null : Transaction(step.Action == TimelockAction.Scheduled ? "scheduled the admin acceptance" : "executed the admin acceptance", step.Transaction));

    public static string Id(System.Numerics.BigInteger id) => id.ToString(CultureInfo.InvariantCulture);
}

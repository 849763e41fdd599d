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
    public static LotView Lot(LotInfo lot, SettlementCurrency currency) => new(
        LotIdText.Format(lot.LotId),
        lot.Provider,
        lot.PoolId.ToHex(true),
        PoolLabel(lot.PoolId),
        lot.GpuModel,
        lot.Region,
        lot.StartsAt,
        lot.EndsAt,
        currency.Plain(lot.ReferencePrice),
        lot.ReferencePrice.ToString(CultureInfo.InvariantCulture),
        lot.SlaUptimeBps,
        lot.BondCoverageBps,
        currency.Plain(lot.UnitCover),
        lot.EnergyWhPerGpuHour,
        lot.UnitsIssued,
        lot.UnitsBurned,
        lot.UnitsOutstanding,
        lot.MetadataHash.ToHex(true))
    {
        Currency = currency.View(),
    };

    public static InterruptibleView Interruptible(InterruptibleLotInfo info, LotInfo lot, SettlementCurrency currency) => new(
        info.Terms.MaxCurtailBps,
        currency.Plain(info.Terms.RefundPerCurtailedHour),
        info.Terms.CapacityUnits,
        currency.Plain(info.Terms.CurtailCover),
        currency.Plain(info.Terms.WorstCaseValue(lot.ReferencePrice)),
        (int)info.Terms.MaxDiscountBps(lot.ReferencePrice),
        info.AttributedHours,
        currency.Plain(info.RefundPerUnit),
        info.Finalized);

    public static SolvencyView Solvency(EscrowSolvency solvency, EscrowTotals totals, SettlementCurrency currency) => new(
        currency.Plain(solvency.Balance),
        currency.Plain(solvency.Obligations),
        currency.Plain(totals.Credits),
        currency.Plain(totals.Bonds),
        currency.Plain(totals.Reserved),
        solvency.IsSolvent,
        currency.View());

    public static OfferView Offer(OfferInfo offer, DateTimeOffset now, SettlementCurrency currency) => new(
        Id(offer.OfferId),
        offer.Seller,
        LotIdText.Format(offer.LotId),
        offer.UnitsRemaining,
        currency.Plain(offer.PriceAt(now)),
        offer.EndsAt,
        offer.Cancelled ? "Cancelled" : offer.UnitsRemaining == 0 ? "SoldOut" : offer.EndsAt <= now ? "Expired" : offer.StartsAt > now ? "NotStarted" : "Open",
        offer.IsAuction ? "Auction" : "Fixed",
        currency.Plain(offer.StartPrice),
        currency.Plain(offer.FloorPrice),
        offer.StartsAt,
        offer.EndsAt,
        currency.View());

    public static PriceIndexView Price(PriceIndexEntry entry, SettlementCurrency currency) => new(
        entry.GpuModel,
        entry.Region,
        currency.View(),
        entry.HasTrades ? currency.Plain(entry.LastPrice) : null,
        entry.LastTradeAt,
        entry.HasTrades ? currency.Plain(entry.Average) : null,
        ((long)entry.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture));

    public static PledgeView Pledge(PledgeInfo pledge, SettlementCurrency currency, CollateralAuctionInfo? auction = null, DateTimeOffset? now = null) => new(
        Id(pledge.PledgeId),
        pledge.Holder,
        pledge.Lender,
        LotIdText.Format(pledge.LotId),
        pledge.Units,
        currency.Plain(pledge.Principal),
        currency.Plain(pledge.Fee),
        pledge.Maturity,
        pledge.Status.ToString(),
        currency.View())
    {
        Auction = auction is null ? null : new CollateralAuctionView(
            currency.Plain(auction.StartPrice),
            currency.Plain(auction.FloorPrice),
            currency.Plain(auction.PriceAt(now ?? auction.StartsAt)),
            auction.StartsAt,
            auction.EndsAt,
            auction.UnitsLeft,
            currency.Plain(auction.PaidToLender)),
    };

    public static RedemptionView Redemption(RedemptionInfo redemption, SettlementCurrency currency) => new(
        Id(redemption.RedemptionId),
        redemption.Holder,
        LotIdText.Format(redemption.LotId),
        redemption.Units,
        currency.Plain(redemption.Reserved),
        redemption.Deadline,
        redemption.Status.ToString(),
        currency.View());

    public static ReportView Report(UtilizationReport report) => new(
        report.PoolId.ToHex(true),
        PoolLabel(report.PoolId),
        report.Epoch,
        report.UtilizationBps,
        report.UptimeBps,
        report.DeliveredGpuHours,
        report.EnergyKwh,
        report.SignerCount,
        report.ObservedAt);

    /// <summary>A mined transaction.</summary>
    /// <param name="description">What it does.</param>
    /// <param name="result">Its receipt's data.</param>
    /// <returns>The view.</returns>
    public static TransactionView Transaction(string description, TransactionResult result) => new(
        result.TransactionHash,
        result.BlockNumber,
        result.GasUsed.ToString(CultureInfo.InvariantCulture),
        description);

    /// <summary>An operation's result with its action's transaction (<see cref="Commands.Operation.SendAsync"/> puts
    /// every transaction of the run in its place).</summary>
    /// <param name="operation">The dotted command name.</param>
    /// <param name="summary">The sentence for people.</param>
    /// <param name="result">The action's transaction.</param>
    /// <returns>The view; add the structured fields with <c>with { … }</c>.</returns>
    public static OperationView Operation(string operation, string summary, TransactionResult result) =>
        new(operation, summary, [Transaction(summary, result)]);

    /// <summary>A pool id's label when it is zero-padded printable text (<c>eu-west-h100-a</c>), else
    /// <see langword="null"/>.</summary>
    /// <param name="poolId">The 32-byte id.</param>
    /// <returns>The label or <see langword="null"/>.</returns>
    public static string? PoolLabel(byte[] poolId) => Bytes32Text.Format(poolId) is var text && !text.StartsWith("0x", StringComparison.Ordinal) ? text : null;

    public static AdminView Admin(AdminState state, DateTimeOffset chainTime) => new(
        state.Contract,
        state.Address,
        state.Admin,
        state.PendingAdmin,
        state.PendingSchedule,
        state.HasPendingTransfer ? state.IsAcceptableAt(chainTime) : null,
        state.DelaySeconds.ToString(CultureInfo.InvariantCulture));

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
        step.Transaction is null ? [] : [Transaction(step.Action == TimelockAction.Scheduled ? "timelock.scheduleBatch(acceptDefaultAdminTransfer ×3)" : "timelock.executeBatch(acceptDefaultAdminTransfer ×3)", step.Transaction)]);

    public static string Id(System.Numerics.BigInteger id) => id.ToString(CultureInfo.InvariantCulture);
}

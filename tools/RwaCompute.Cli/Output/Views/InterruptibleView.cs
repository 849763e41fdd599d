using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>An interruptible lot's terms, its discount and the curtailment counted against it (amounts in the lot's
/// currency, exact decimal text).</summary>
/// <param name="MaxCurtailBps">The largest share of the capacity the provider may curtail, basis points.</param>
/// <param name="RefundPerCurtailedHour">Refund per curtailed GPU-hour.</param>
/// <param name="CapacityUnits">The declared capacity (GPU-hours; the issuance ceiling).</param>
/// <param name="CurtailCover">Bond held per issued unit for the refunds until finalization.</param>
/// <param name="WorstCaseValue">A unit's value with its whole curtailable share curtailed and refunded at the rate.</param>
/// <param name="MaxDiscountBps">That worst case's discount to the reference price, basis points.</param>
/// <param name="AttributedHours">Curtailed GPU-hours counted against the lot so far.</param>
/// <param name="RefundPerUnit">The refund one issued unit has accrued (final once finalized).</param>
/// <param name="Finalized">Whether the refunds are final and claimable once the units stop moving.</param>
internal sealed record InterruptibleView(
    int MaxCurtailBps,
    string RefundPerCurtailedHour,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong CapacityUnits,
    string CurtailCover,
    string WorstCaseValue,
    int MaxDiscountBps,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong AttributedHours,
    string RefundPerUnit,
    bool Finalized);

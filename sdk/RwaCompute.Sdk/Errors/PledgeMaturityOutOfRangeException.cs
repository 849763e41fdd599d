namespace RwaCompute.Sdk.Errors;

/// <summary>A pledge's maturity is outside what the escrow accepts now: at least <c>MIN_REPAY_WINDOW</c> after the
/// chain time (so the borrower has time to repay) and at least <c>MATURITY_MARGIN</c> before the lot's end (so
/// defaulted collateral can still be redeemed or sold). Nothing was sent.</summary>
public sealed class PledgeMaturityOutOfRangeException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="maturity">The maturity asked for.</param>
    /// <param name="earliest">The earliest maturity accepted now.</param>
    /// <param name="latest">The latest maturity accepted for the lot.</param>
    public PledgeMaturityOutOfRangeException(DateTimeOffset maturity, DateTimeOffset earliest, DateTimeOffset latest)
        : base(maturity < earliest
            ? $"Maturity {maturity:u} is too soon: the earliest accepted now is {earliest:u} (the borrower needs the minimum repayment window)."
            : $"Maturity {maturity:u} is too late: the latest accepted for this lot is {latest:u} (a margin before the lot's end).")
    {
        Maturity = maturity;
        Earliest = earliest;
        Latest = latest;
    }

    /// <summary>The maturity asked for.</summary>
    public DateTimeOffset Maturity { get; }

    /// <summary>The earliest maturity accepted at the chain time checked.</summary>
    public DateTimeOffset Earliest { get; }

    /// <summary>The latest maturity accepted for the lot (its end minus the margin).</summary>
    public DateTimeOffset Latest { get; }

    /// <summary>Whether the maturity is too soon (otherwise it is too late).</summary>
    public bool IsTooSoon => Maturity < Earliest;
}

using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>The bond formula the token and the escrow share (the contracts' <c>BondMath</c>): how much provider bond
/// backs one unit of a lot, and what an issuance pulls.</summary>
public static class BondMath
{
    /// <summary>Basis points in 100 %.</summary>
    public const int MaxBps = 10_000;

    /// <summary>Bond per unit: <c>ceil(referencePrice × coverageBps / 10,000)</c>. A redemption reserves exactly this
    /// per unit, and a refund pays it.</summary>
    /// <param name="referencePrice">The lot's reference price per unit, stablecoin base units.</param>
    /// <param name="coverageBps">The lot's bond coverage, basis points.</param>
    /// <returns>Stablecoin base units per unit.</returns>
    public static BigInteger UnitCover(BigInteger referencePrice, ushort coverageBps)
    {
        var product = referencePrice * coverageBps;
        var quotient = BigInteger.DivRem(product, MaxBps, out var remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }

    /// <summary>What the escrow pulls from the provider when an issuance leaves <paramref name="outstandingUnits"/>
    /// in circulation: <c>max(0, outstandingUnits × unitCover − (bond.total − bond.reserved))</c>.</summary>
    /// <param name="outstandingUnits">The lot's units in circulation after the issuance (issued − burned).</param>
    /// <param name="unitCover">The lot's <see cref="UnitCover"/>.</param>
    /// <param name="bond">The lot's bond before the issuance.</param>
    /// <returns>The shortfall, stablecoin base units (zero when the free bond already covers it).</returns>
    public static BigInteger IssueShortfall(BigInteger outstandingUnits, BigInteger unitCover, BondBalance bond) =>
        IssueShortfall(outstandingUnits, unitCover, bond, BigInteger.Zero);

    /// <summary>What the escrow pulls when an issuance of an interruptible lot leaves <paramref name="outstandingUnits"/>
    /// in circulation: <c>max(0, outstandingUnits × unitCover + refundCover − (bond.total − bond.reserved))</c>, where
    /// <paramref name="refundCover"/> is <c>issued × curtailCover</c> until the lot is finalized (0 for a firm lot).</summary>
    /// <param name="outstandingUnits">The lot's units in circulation after the issuance (issued − burned).</param>
    /// <param name="unitCover">The lot's <see cref="UnitCover"/>.</param>
    /// <param name="bond">The lot's bond before the issuance.</param>
    /// <param name="refundCover">The bond held for curtailment refunds after the issuance.</param>
    /// <returns>The shortfall, stablecoin base units (zero when the free bond already covers it).</returns>
    public static BigInteger IssueShortfall(BigInteger outstandingUnits, BigInteger unitCover, BondBalance bond, BigInteger refundCover)
    {
        ArgumentNullException.ThrowIfNull(bond);
        var required = outstandingUnits * unitCover + refundCover;
        return required > bond.Free ? required - bond.Free : BigInteger.Zero;
    }
}

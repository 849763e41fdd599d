using System.Numerics;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// What makes a lot interruptible (the demand-response class): the provider may curtail up to
/// <see cref="MaxCurtailBps"/> of the lot's <see cref="CapacityUnits"/> GPU-hours and refunds each curtailed hour at
/// <see cref="RefundPerCurtailedHour"/>, pro rata per unit, from its bond. Declared before the lot exists
/// (<see cref="ICurtailmentClient.DeclareInterruptibleAsync"/>) and fixed for good.
/// </summary>
/// <param name="MaxCurtailBps">The largest share of the capacity the provider may curtail, basis points (1 to
/// 10 000).</param>
/// <param name="RefundPerCurtailedHour">Refund per curtailed GPU-hour, base units of the lot's currency (1 to the lot's
/// bond per unit).</param>
/// <param name="CapacityUnits">The lot's capacity in GPU-hours: at most this many units can ever be issued, and each
/// unit's share is one of them.</param>
public sealed record InterruptibleTerms(ushort MaxCurtailBps, BigInteger RefundPerCurtailedHour, ulong CapacityUnits)
{
    /// <summary>The largest capacity the contract stores (<c>uint48</c>).</summary>
    public static readonly ulong MaxCapacityUnits = (1UL << 48) - 1;

    /// <summary>Bond the escrow holds per issued unit until the lot is finalized, on top of its bond per unit:
    /// <c>⌈maxCurtailBps × refundPerCurtailedHour / 10 000⌉</c>.</summary>
    public BigInteger CurtailCover => CeilDiv(MaxCurtailBps * RefundPerCurtailedHour, BondMath.MaxBps);

    /// <summary>The most curtailed GPU-hours the lot can be attributed: <c>⌈maxCurtailBps × capacity / 10 000⌉</c> (the
    /// refund itself is capped at the exact share's value).</summary>
    public BigInteger CurtailCap => CeilDiv(MaxCurtailBps * (BigInteger)CapacityUnits, BondMath.MaxBps);

    /// <summary>A unit's worst-case value for its holder: the whole share curtailed and refunded at the rate,
    /// <c>referencePrice − maxCurtailBps × (referencePrice − rate) / 10 000</c> (rounded down).</summary>
    /// <param name="referencePrice">The lot's reference price per unit.</param>
    /// <returns>Base units of the lot's currency.</returns>
    public BigInteger WorstCaseValue(BigInteger referencePrice)
    {
        var gap = referencePrice > RefundPerCurtailedHour ? referencePrice - RefundPerCurtailedHour : BigInteger.Zero;
        return referencePrice - CeilDiv(MaxCurtailBps * gap, BondMath.MaxBps);
    }

    /// <summary>The worst case's discount to the reference price, basis points (rounded up).</summary>
    /// <param name="referencePrice">The lot's reference price per unit (positive).</param>
    /// <returns>Basis points.</returns>
    public BigInteger MaxDiscountBps(BigInteger referencePrice) =>
        referencePrice.Sign <= 0 ? BigInteger.Zero : CeilDiv((referencePrice - WorstCaseValue(referencePrice)) * BondMath.MaxBps, referencePrice);

    /// <summary>Checks the terms as the contract does, against the lot's bond per unit.</summary>
    /// <param name="unitCover">The lot's bond per unit (<see cref="BondMath.UnitCover"/>).</param>
    /// <exception cref="AmountOutOfRangeException">A term is out of its range.</exception>
    public void Validate(BigInteger unitCover)
    {
        if (MaxCurtailBps is 0 or > BondMath.MaxBps)
        {
            throw new AmountOutOfRangeException(nameof(MaxCurtailBps), MaxCurtailBps, BigInteger.One, BondMath.MaxBps, "curtailable share (bps)");
        }

        if (RefundPerCurtailedHour.Sign <= 0 || RefundPerCurtailedHour > unitCover)
        {
            throw new AmountOutOfRangeException(nameof(RefundPerCurtailedHour), RefundPerCurtailedHour, BigInteger.One, unitCover, "refund per curtailed hour (at most the lot's bond per unit)");
        }

        if (CapacityUnits is 0 || CapacityUnits > MaxCapacityUnits)
        {
            throw new AmountOutOfRangeException(nameof(CapacityUnits), CapacityUnits, BigInteger.One, MaxCapacityUnits, "capacity (GPU-hours, uint48)");
        }
    }

    private static BigInteger CeilDiv(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }
}

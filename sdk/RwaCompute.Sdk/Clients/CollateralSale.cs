using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>What a purchase from a collateral auction bought and where its payment went, from the lending module's
/// <c>CollateralSold</c> event.</summary>
/// <param name="PledgeId">The pledge whose collateral was sold.</param>
/// <param name="Units">Units bought.</param>
/// <param name="PricePerUnit">The auction's price at the block, stablecoin base units.</param>
/// <param name="ToLender">The part of the cost credited to the lender (toward principal + fee).</param>
/// <param name="ToHolder">The surplus credited to the holder.</param>
public sealed record CollateralSale(BigInteger PledgeId, BigInteger Units, BigInteger PricePerUnit, BigInteger ToLender, BigInteger ToHolder)
{
    /// <summary>The total paid (<see cref="Units"/> × <see cref="PricePerUnit"/>).</summary>
    public BigInteger Cost => ToLender + ToHolder;
}

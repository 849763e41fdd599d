using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>The escrow's running totals (<c>totals()</c>), stablecoin base units.</summary>
/// <param name="Credits">Σ of what it owes accounts (claimable: sale proceeds, advances, refunds, repayments).</param>
/// <param name="Bonds">Σ of every lot's bond, reserves included.</param>
/// <param name="Reserved">Σ of bond reserved for open redemptions (part of <paramref name="Bonds"/>).</param>
public sealed record EscrowTotals(BigInteger Credits, BigInteger Bonds, BigInteger Reserved);

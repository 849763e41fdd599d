using System.Numerics;
using PledgeStatus = RwaCompute.Sdk.Contracts.ComputeLending.PledgeStatus;

namespace RwaCompute.Sdk.Clients;

/// <summary>A pledge of units as collateral for a stablecoin advance.</summary>
/// <param name="PledgeId">The pledge id.</param>
/// <param name="Holder">The borrower whose units are locked.</param>
/// <param name="Lender">The lender (zero address: anyone may fund).</param>
/// <param name="LotId">The lot.</param>
/// <param name="Units">Units pledged.</param>
/// <param name="Principal">The advance, stablecoin base units.</param>
/// <param name="Fee">The fee due on top of the principal at repayment.</param>
/// <param name="Maturity">Repay before this, or the lender may claim the units.</param>
/// <param name="Status">The state.</param>
public sealed record PledgeInfo(BigInteger PledgeId, string Holder, string Lender, BigInteger LotId, ulong Units, BigInteger Principal, BigInteger Fee, DateTimeOffset Maturity, PledgeStatus Status)
{
    /// <summary>What repaying costs (principal + fee).</summary>
    public BigInteger AmountDue => Principal + Fee;
}

using System.Numerics;
using RedemptionStatus = RwaCompute.Sdk.Contracts.ComputeEscrow.RedemptionStatus;

namespace RwaCompute.Sdk.Clients;

/// <summary>A redemption of units for compute delivery.</summary>
/// <param name="RedemptionId">The redemption id.</param>
/// <param name="Holder">Who redeemed.</param>
/// <param name="LotId">The lot.</param>
/// <param name="Units">Units burned.</param>
/// <param name="Reserved">Bond reserved for a refund (units × reference price).</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="Deadline">Delivery must be confirmed by then, else the holder may claim the refund.</param>
/// <param name="Status">The state.</param>
public sealed record RedemptionInfo(BigInteger RedemptionId, string Holder, BigInteger LotId, ulong Units, BigInteger Reserved, DateTimeOffset OpenedAt, DateTimeOffset Deadline, RedemptionStatus Status);

namespace RwaCompute.Sdk.Clients;

/// <summary>A redemption's state (mirrors <c>IComputeEscrow.RedemptionStatus</c>).</summary>
public enum RedemptionStatus
{
    /// <summary>No such redemption.</summary>
    None = 0,

    /// <summary>Units burned, delivery pending.</summary>
    Open = 1,

    /// <summary>Delivery confirmed (by the holder or the oracle); the provider was paid from the reserve.</summary>
    Delivered = 2,

    /// <summary>Refunded to the holder from the provider's bond (deadline missed or SLA breached).</summary>
    Refunded = 3,
}

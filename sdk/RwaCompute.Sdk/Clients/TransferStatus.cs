namespace RwaCompute.Sdk.Clients;

/// <summary>The token's <c>canTransfer</c> reason code (mirrors <c>IComputeCapacityToken.TransferStatus</c>).</summary>
public enum TransferStatus
{
    /// <summary>The transfer would succeed.</summary>
    Ok = 0,

    /// <summary>The token is paused.</summary>
    Paused = 1,

    /// <summary>The sender is not allowlisted.</summary>
    SenderNotAllowed = 2,

    /// <summary>The receiver is not allowlisted.</summary>
    ReceiverNotAllowed = 3,

    /// <summary>The sender is frozen.</summary>
    SenderFrozen = 4,

    /// <summary>The receiver is frozen.</summary>
    ReceiverFrozen = 5,

    /// <summary>The lot's delivery window has ended.</summary>
    LotExpired = 6,

    /// <summary>The lot does not exist.</summary>
    UnknownLot = 7,

    /// <summary>The sender's unlocked (not pledged, not offered) balance is too small.</summary>
    InsufficientUnlockedBalance = 8,

    /// <summary>The receiver is the zero address, or a contract that does not declare IERC1155Receiver through
    /// ERC-165.</summary>
    InvalidReceiver = 9,
}

namespace RwaCompute.Sdk.Clients;

/// <summary>A pledge's state (mirrors <c>IComputeEscrow.PledgeStatus</c>).</summary>
public enum PledgeStatus
{
    /// <summary>No such pledge.</summary>
    None = 0,

    /// <summary>Requested by the holder, units locked, waiting for the lender.</summary>
    Requested = 1,

    /// <summary>Funded: the holder received the principal.</summary>
    Active = 2,

    /// <summary>Repaid before maturity; units unlocked.</summary>
    Repaid = 3,

    /// <summary>Not repaid by maturity; the lender took the units.</summary>
    Claimed = 4,

    /// <summary>Cancelled before funding; units unlocked.</summary>
    Cancelled = 5,
}

using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>An issuance is bonded: the escrow pulls from the provider whatever makes the lot's unreserved bond cover
/// every outstanding unit. The provider's stablecoin balance or allowance to the escrow cannot pay that shortfall, so
/// the issuance would revert; nothing was sent.</summary>
public sealed class InsufficientBondFundingException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">Which limit is too small.</param>
    /// <param name="provider">The provider (the issuing signer).</param>
    /// <param name="vault">The escrow that pulls the bond (the token's bond vault).</param>
    /// <param name="needed">The bond the issuance pulls, stablecoin base units.</param>
    /// <param name="available">The provider's balance or allowance, stablecoin base units.</param>
    public InsufficientBondFundingException(BondFundingLimit limit, string provider, string vault, BigInteger needed, BigInteger available)
        : base(limit == BondFundingLimit.Balance
            ? $"The issuance pulls {needed} stablecoin base units of bond from {provider}, whose balance is {available}."
            : $"The issuance pulls {needed} stablecoin base units of bond from {provider}, who has approved the escrow {vault} for only {available}: approve the escrow first (or turn AutoApprove on).")
    {
        Limit = limit;
        Provider = provider;
        Vault = vault;
        Needed = needed;
        Available = available;
    }

    /// <summary>Which limit is too small.</summary>
    public BondFundingLimit Limit { get; }

    /// <summary>The provider.</summary>
    public string Provider { get; }

    /// <summary>The escrow that pulls the bond.</summary>
    public string Vault { get; }

    /// <summary>The bond the issuance pulls, stablecoin base units.</summary>
    public BigInteger Needed { get; }

    /// <summary>The provider's balance or allowance, stablecoin base units.</summary>
    public BigInteger Available { get; }
}

namespace RwaCompute.Sdk.Errors;

/// <summary>Which of the provider's stablecoin limits cannot fund an issuance's bond.</summary>
public enum BondFundingLimit
{
    /// <summary>The provider's stablecoin balance is smaller than the bond the issuance pulls.</summary>
    Balance,

    /// <summary>The provider's stablecoin allowance to the escrow (the bond vault) is smaller than the bond the
    /// issuance pulls (and <c>AutoApprove</c> is off).</summary>
    Allowance,
}

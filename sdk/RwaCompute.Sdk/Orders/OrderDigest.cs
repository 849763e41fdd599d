using System.Numerics;
using Nethereum.Util;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Orders;

/// <summary>
/// The EIP-712 digests of market orders, computed exactly as <c>ComputeMarket.hashAsk</c> / <c>hashBid</c> do:
/// <c>keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(order))</c> with the domain
/// ("RwaCompute ComputeMarket", "1", chain id, market) and the type strings of the generated bindings
/// (<c>Ask.Eip712Type</c>, <c>Bid.Eip712Type</c>), so a field added in Solidity changes both sides.
/// </summary>
public static class OrderDigest
{
    /// <summary>The EIP-712 domain name of the market.</summary>
    public const string DomainName = "RwaCompute ComputeMarket";

    /// <summary>The EIP-712 domain version of the market.</summary>
    public const string DomainVersion = "1";

    private const string DomainType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    /// <summary>The market's domain separator (OpenZeppelin's <c>_domainSeparatorV4()</c>).</summary>
    /// <param name="domain">The chain and the market.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] DomainSeparator(OrderDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        Guard.Amount(domain.ChainId, "chainId");
        var market = Guard.Address(domain.Market, "market");
        return Eip712Encoder.HashStruct(DomainType, ("string", DomainName), ("string", DomainVersion), ("uint256", domain.ChainId), ("address", market));
    }

    /// <summary>The digest a seller signs for <paramref name="ask"/> (the contract's <c>hashAsk</c>).</summary>
    /// <param name="domain">The chain and the market.</param>
    /// <param name="ask">The ask.</param>
    /// <returns>32 bytes: the order's id on chain.</returns>
    public static byte[] Compute(OrderDomain domain, Ask ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        return Envelope(domain, ask.Eip712HashStruct());
    }

    /// <summary>The digest a buyer signs for <paramref name="bid"/> (the contract's <c>hashBid</c>).</summary>
    /// <param name="domain">The chain and the market.</param>
    /// <param name="bid">The bid.</param>
    /// <returns>32 bytes: the order's id on chain.</returns>
    public static byte[] Compute(OrderDomain domain, Bid bid)
    {
        ArgumentNullException.ThrowIfNull(bid);
        return Envelope(domain, bid.Eip712HashStruct());
    }

    private static byte[] Envelope(OrderDomain domain, byte[] structHash)
    {
        var message = new byte[66];
        message[0] = 0x19;
        message[1] = 0x01;
        DomainSeparator(domain).CopyTo(message, 2);
        structHash.CopyTo(message, 34);
        return Sha3Keccack.Current.CalculateHash(message);
    }
}

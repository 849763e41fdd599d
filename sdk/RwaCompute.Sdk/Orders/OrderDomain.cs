using System.Numerics;

namespace RwaCompute.Sdk.Orders;

/// <summary>The EIP-712 domain a market order is signed in: the chain and the market contract. An order signed for one
/// domain never verifies in another (another chain, another deployment).</summary>
/// <param name="ChainId">The chain id.</param>
/// <param name="Market">The market contract's address.</param>
public sealed record OrderDomain(BigInteger ChainId, string Market);

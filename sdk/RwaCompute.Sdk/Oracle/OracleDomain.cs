using System.Numerics;

namespace RwaCompute.Sdk.Oracle;

/// <summary>
/// The EIP-712 domain of one deployed <c>UtilizationOracle</c>: name <c>"RwaCompute UtilizationOracle"</c>, version
/// <c>"1"</c>, the chain id and the oracle's address. A signature is valid for this one oracle on this one chain.
/// </summary>
/// <param name="ChainId">The chain id (positive, e.g. 31337 for anvil).</param>
/// <param name="OracleAddress">The oracle's address (0x + 40 hex digits; mixed case must be a valid EIP-55 checksum).</param>
public sealed record OracleDomain(BigInteger ChainId, string OracleAddress);

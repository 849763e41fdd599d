using System.Globalization;
using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// Lot ids, computed off-chain exactly as the token does: the top 40 bits are the lot's <c>endsAt</c> (so an id
/// tells when it expires), the low 216 bits the low bits of <c>keccak256(abi.encode(spec))</c>.
/// </summary>
public static class LotIds
{
    private const int HashBits = 216;
    private static readonly BigInteger HashMask = (BigInteger.One << HashBits) - 1;

    /// <summary>The id the token assigns to a spec.</summary>
    /// <param name="spec">The spec (as sent to <c>issueLot</c>).</param>
    /// <returns>The lot id.</returns>
    public static BigInteger Compute(LotSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var encoded = new ParametersEncoder().EncodeParametersFromTypeAttributes(typeof(LotSpec), spec);
        var hash = new BigInteger(Sha3Keccack.Current.CalculateHash(encoded), isUnsigned: true, isBigEndian: true);
        return (new BigInteger(spec.EndsAt) << HashBits) | (hash & HashMask);
    }

    /// <summary>A lot id as the CLI, logs and error messages print it: 0x + 64 hex digits.</summary>
    /// <param name="lotId">The lot id.</param>
    /// <returns>The hex text.</returns>
    public static string ToHex(BigInteger lotId) =>
        lotId.Sign < 0 ? lotId.ToString(CultureInfo.InvariantCulture) : "0x" + lotId.ToString("x64", CultureInfo.InvariantCulture)[^64..];

    /// <summary>The end of a lot's delivery window, read from its id.</summary>
    /// <param name="lotId">The lot id.</param>
    /// <returns>The end of the window.</returns>
    public static DateTimeOffset EndsAt(BigInteger lotId) => SuiteContext.Time((ulong)((lotId >> HashBits) & ulong.MaxValue));
}

using System.Numerics;

namespace RwaCompute.Sdk.Orders;

/// <summary>A signed order as the market sees it now.</summary>
/// <param name="Hash">The order's EIP-712 digest (its id on chain), 0x-hex.</param>
/// <param name="Units">The units it covers in total.</param>
/// <param name="Filled">Units filled so far.</param>
/// <param name="Cancelled">Whether its maker cancelled it (one order).</param>
/// <param name="CounterStale">Whether its maker raised the order counter since signing (all older orders cancelled).</param>
/// <param name="Expired">Whether the chain time reached its expiry.</param>
/// <param name="SignatureValid">Whether the signature is its maker's (checked locally for a key, on chain for a
/// contract wallet once filled).</param>
public sealed record OrderState(string Hash, BigInteger Units, BigInteger Filled, bool Cancelled, bool CounterStale, bool Expired, bool SignatureValid)
{
    /// <summary>Units left to fill.</summary>
    public BigInteger Remaining => Units - Filled;

    /// <summary>Whether some units can still be filled.</summary>
    public bool IsFillable => !Cancelled && !CounterStale && !Expired && SignatureValid && Remaining > 0;
}

using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Reporter.Node.Rounds;
using RwaCompute.Reporter.Pools;
using RwaCompute.Reporter.Safety;

namespace RwaCompute.Reporter.Node.Measurement;

/// <summary>The round engine's sign guard on the SQLite safety store (which also refuses to sign an epoch whose
/// observation was not persisted first).</summary>
/// <param name="store">The store.</param>
public sealed class SafetyStoreSignGuard(SafetyStore store) : ISignGuard
{
    /// <inheritdoc/>
    public async Task<bool> TryRecordAsync(byte[] poolId, ulong epoch, byte[] digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        var decision = await store.TryRecordSignatureAsync(PoolId.Parse(poolId.ToHex(true)), epoch, digest, cancellationToken).ConfigureAwait(false);
        return decision.MaySign;
    }
}

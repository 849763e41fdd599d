using System.Numerics;

namespace RwaCompute.Sdk.Transactions;

/// <summary>A reserved nonce. Commit it when the node accepted the transaction; disposing an uncommitted lease
/// returns the nonce for reuse.</summary>
internal sealed class NonceLease : IDisposable
{
    private readonly NonceManager owner;
    private int state;

    internal NonceLease(NonceManager owner, string address, BigInteger nonce, long generation)
    {
        this.owner = owner;
        Address = address;
        Nonce = nonce;
        Generation = generation;
    }

    /// <summary>The account.</summary>
    public string Address { get; }

    /// <summary>The reserved nonce.</summary>
    public BigInteger Nonce { get; }

    internal long Generation { get; }

    /// <summary>Marks the nonce as used (the transaction was accepted by the node).</summary>
    public void Commit() => Interlocked.CompareExchange(ref state, 1, 0);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref state, 2, 0) == 0)
        {
            owner.Release(this);
        }
    }
}

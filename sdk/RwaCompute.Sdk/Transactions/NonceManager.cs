using System.Collections.Concurrent;
using System.Numerics;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// Hands out nonces for accounts that send concurrently. The first lease reads the node's pending count; later ones
/// count up locally, so many transactions can be signed and broadcast without waiting for each other. A lease
/// that is never broadcast is released and its nonce reused first, so no gap is left behind. After the node rejects
/// a nonce ("nonce too low", a dropped pool, a restarted node) <see cref="Invalidate"/> makes the next lease re-read
/// the chain.
/// </summary>
/// <remarks>One instance per signer set; it is thread-safe. Transactions sent by the same account from elsewhere
/// are noticed only when a nonce is rejected (then the SDK invalidates and retries).</remarks>
internal sealed class NonceManager
{
    /// <summary>How many signed transactions per account are kept to refill a nonce gap after the node lost them.</summary>
    public const int KeptTransactions = 1024;

    private readonly Func<string, CancellationToken, Task<BigInteger>> pendingNonceReader;
    private readonly ConcurrentDictionary<string, AccountState> accounts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the manager.</summary>
    /// <param name="pendingNonceReader">Reads an account's next nonce from the chain (<c>eth_getTransactionCount</c>
    /// at <c>pending</c>).</param>
    public NonceManager(Func<string, CancellationToken, Task<BigInteger>> pendingNonceReader)
    {
        this.pendingNonceReader = pendingNonceReader ?? throw new ArgumentNullException(nameof(pendingNonceReader));
    }

    /// <summary>Reserves the next nonce of an account.</summary>
    /// <param name="address">The account.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The lease: <see cref="NonceLease.Commit"/> it once the node accepted the transaction, dispose it in
    /// any case.</returns>
    public async Task<NonceLease> LeaseAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var state = accounts.GetOrAdd(address, _ => new AccountState());
        while (true)
        {
            lock (state)
            {
                if (state.Next is { } next)
                {
                    BigInteger nonce;
                    if (state.Released.Count > 0)
                    {
                        nonce = state.Released.Min;
                        state.Released.Remove(nonce);
                    }
                    else
                    {
                        nonce = next;
                        state.Next = next + 1;
                    }

                    return new NonceLease(this, address, nonce, state.Generation);
                }
            }

            await state.Initialization.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                bool needsRead;
                lock (state)
                {
                    needsRead = state.Next is null;
                }

                if (needsRead)
                {
                    var chainNonce = await pendingNonceReader(address, cancellationToken).ConfigureAwait(false);
                    lock (state)
                    {
                        state.Next ??= chainNonce;
                    }
                }
            }
            finally
            {
                state.Initialization.Release();
            }
        }
    }

    /// <summary>Reserves the next <paramref name="count"/> nonces of an account at once, in ascending order: nonces
    /// released by failed sends first (so no gap is left behind), then a contiguous range from the local counter. For
    /// bulk sends (<see cref="TransactionSender.SendBatchAsync"/>); hold the account's send section
    /// (<see cref="EnterSendAsync"/>) while leasing and broadcasting so the node receives them in order.</summary>
    /// <param name="address">The account.</param>
    /// <param name="count">How many nonces (at least one).</param>
    /// <param name="cancellationToken">Cancels the wait for the first read of the chain's count.</param>
    /// <returns>The leases in ascending nonce order: commit each once the node accepted its transaction, dispose
    /// every one in any case.</returns>
    public async Task<IReadOnlyList<NonceLease>> LeaseManyAsync(string address, int count, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // The first lease reads the chain if needed; the rest come from the counter under one lock, so nothing
        // interleaves with the range.
        var first = await LeaseAsync(address, cancellationToken).ConfigureAwait(false);
        var state = accounts.GetOrAdd(address, _ => new AccountState());
        var leases = new List<NonceLease>(count) { first };
        lock (state)
        {
            while (leases.Count < count)
            {
                if (state.Generation != first.Generation || state.Next is not { } next)
                {
                    break;
                }

                BigInteger nonce;
                if (state.Released.Count > 0)
                {
                    nonce = state.Released.Min;
                    state.Released.Remove(nonce);
                }
                else
                {
                    nonce = next;
                    state.Next = next + 1;
                }

                leases.Add(new NonceLease(this, address, nonce, state.Generation));
            }
        }

        if (leases.Count < count)
        {
            // Invalidated between the first lease and the range (another send saw "nonce too low"): start over.
            foreach (var lease in leases)
            {
                lease.Dispose();
            }

            return await LeaseManyAsync(address, count, cancellationToken).ConfigureAwait(false);
        }

        leases.Sort((a, b) => a.Nonce.CompareTo(b.Nonce));
        return leases;
    }

    /// <summary>
    /// Enters an account's send section: lease, sign and broadcast inside it, so the node receives the account's
    /// transactions in nonce order. (Out-of-order arrival is legal, but some nodes — anvil 1.7 among them — can then
    /// leave transactions stuck in their queued pool.) Simulation and receipt waiting stay outside, concurrent.
    /// </summary>
    /// <param name="address">The account.</param>
    /// <param name="cancellationToken">Cancels the wait to enter.</param>
    /// <returns>Dispose to leave the section.</returns>
    public async Task<IDisposable> EnterSendAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var state = accounts.GetOrAdd(address, _ => new AccountState());
        await state.Send.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new SendSection(state.Send);
    }

    /// <summary>Forgets what is known of an account: the next lease re-reads the chain.</summary>
    /// <param name="address">The account.</param>
    public void Invalidate(string address)
    {
        if (accounts.TryGetValue(address, out var state))
        {
            lock (state)
            {
                state.Next = null;
                state.Released.Clear();
                state.Generation++;
            }
        }
    }

    /// <summary>The next nonce a lease would get without a released one, if known (for diagnostics and tests).</summary>
    /// <param name="address">The account.</param>
    /// <returns>The next nonce, or <see langword="null"/> before the first lease or after an invalidation.</returns>
    public BigInteger? PeekNext(string address)
    {
        if (accounts.TryGetValue(address, out var state))
        {
            lock (state)
            {
                return state.Next;
            }
        }

        return null;
    }

    /// <summary>Keeps a broadcast transaction's signed bytes (the last <see cref="KeptTransactions"/> per account), so a
    /// nonce gap left by a node that lost them (a restart, a rollback) can be refilled with the same bytes.</summary>
    /// <param name="transaction">The transaction the node accepted.</param>
    public void Remember(SentTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var state = accounts.GetOrAdd(transaction.From, _ => new AccountState());
        lock (state)
        {
            state.Sent[transaction.Nonce] = transaction;
            while (state.Sent.Count > KeptTransactions)
            {
                state.Sent.Remove(state.Sent.Keys.First());
            }
        }
    }

    /// <summary>A kept transaction of an account by nonce.</summary>
    /// <param name="address">The account.</param>
    /// <param name="nonce">The nonce.</param>
    /// <param name="transaction">The transaction, when kept.</param>
    /// <returns>Whether one is kept.</returns>
    public bool TryGetSent(string address, BigInteger nonce, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SentTransaction? transaction)
    {
        transaction = null;
        if (!accounts.TryGetValue(address, out var state))
        {
            return false;
        }

        lock (state)
        {
            return state.Sent.TryGetValue(nonce, out transaction);
        }
    }

    /// <summary>Serializes gap repairs of one account (many waiters notice the same gap at once).</summary>
    /// <param name="address">The account.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Dispose to leave.</returns>
    internal async Task<IDisposable> EnterRepairAsync(string address, CancellationToken cancellationToken)
    {
        var state = accounts.GetOrAdd(address, _ => new AccountState());
        await state.Repair.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new SendSection(state.Repair);
    }

    /// <summary>Returns a nonce that was never broadcast.</summary>
    /// <param name="lease">The lease.</param>
    internal void Release(NonceLease lease)
    {
        if (!accounts.TryGetValue(lease.Address, out var state))
        {
            return;
        }

        lock (state)
        {
            if (state.Generation != lease.Generation || state.Next is not { } next)
            {
                return;
            }

            if (lease.Nonce == next - 1)
            {
                // The newest nonce: step back, and fold any released nonces just below it.
                next = lease.Nonce;
                while (state.Released.Count > 0 && state.Released.Max == next - 1)
                {
                    next--;
                    state.Released.Remove(next);
                }

                state.Next = next;
            }
            else if (lease.Nonce < next)
            {
                state.Released.Add(lease.Nonce);
            }
        }
    }

    private sealed class SendSection(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class AccountState
    {
        public SemaphoreSlim Initialization { get; } = new(1, 1);

        public SemaphoreSlim Send { get; } = new(1, 1);

        public SemaphoreSlim Repair { get; } = new(1, 1);

        public SortedDictionary<BigInteger, SentTransaction> Sent { get; } = [];

        public BigInteger? Next { get; set; }

        public SortedSet<BigInteger> Released { get; } = [];

        public long Generation { get; set; }
    }
}

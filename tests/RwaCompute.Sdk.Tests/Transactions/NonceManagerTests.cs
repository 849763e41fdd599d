using System.Collections.Concurrent;
using System.Numerics;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.Tests.Transactions;

public sealed class NonceManagerTests
{
    private const string Account = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    [Fact]
    public async Task Lease_First_StartsAtTheChainsPendingNonce()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(new BigInteger(42)));
        Assert.Null(manager.PeekNext(Account));
        using var lease = await manager.LeaseAsync(Account);
        Assert.Equal(new BigInteger(42), lease.Nonce);
        Assert.Equal(Account, lease.Address);
        Assert.Equal(new BigInteger(43), manager.PeekNext(Account));
    }

    [Fact]
    public async Task Lease_ConcurrentCallers_GetDistinctConsecutiveNonces()
    {
        var reads = 0;
        var manager = new NonceManager(async (_, ct) =>
        {
            Interlocked.Increment(ref reads);
            await Task.Delay(20, ct);
            return 100;
        });

        var leases = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => Task.Run(() => manager.LeaseAsync(Account))));
        foreach (var lease in leases)
        {
            lease.Commit();
            lease.Dispose();
        }

        Assert.Equal(Enumerable.Range(100, 1_000).Select(i => new BigInteger(i)), leases.Select(l => l.Nonce).Order());
        Assert.Equal(1, reads);
        Assert.Equal(new BigInteger(1_100), manager.PeekNext(Account));
    }

    [Fact]
    public async Task Lease_ConcurrentFirstLeases_ReadTheChainOnce()
    {
        var reads = 0;
        var gate = new TaskCompletionSource<BigInteger>(TaskCreationOptions.RunContinuationsAsynchronously);
        var manager = new NonceManager((_, _) =>
        {
            Interlocked.Increment(ref reads);
            return gate.Task;
        });

        var pending = Enumerable.Range(0, 64).Select(_ => Task.Run(() => manager.LeaseAsync(Account))).ToArray();
        await Task.Delay(20);
        gate.SetResult(7);
        var leases = await Task.WhenAll(pending);

        Assert.Equal(1, reads);
        Assert.Equal(64, leases.Select(l => l.Nonce).Distinct().Count());
    }

    [Fact]
    public async Task Lease_AddressInAnotherCase_SharesTheSameSequence()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(BigInteger.Zero));
        using var first = await manager.LeaseAsync(Account);
        using var second = await manager.LeaseAsync(Account.ToLowerInvariant());
        Assert.Equal(BigInteger.Zero, first.Nonce);
        Assert.Equal(BigInteger.One, second.Nonce);
    }

    [Fact]
    public async Task Lease_DifferentAccounts_HaveIndependentSequences()
    {
        var manager = new NonceManager((address, _) => Task.FromResult(new BigInteger(address.EndsWith('1') ? 10 : 20)));
        using var a = await manager.LeaseAsync("0x0000000000000000000000000000000000000001");
        using var b = await manager.LeaseAsync("0x0000000000000000000000000000000000000002");
        Assert.Equal(new BigInteger(10), a.Nonce);
        Assert.Equal(new BigInteger(20), b.Nonce);
    }

    [Fact]
    public async Task Release_UncommittedLeases_AreReusedFirstLowestFirst()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(BigInteger.Zero));
        var leases = new List<NonceLease>();
        for (var i = 0; i < 5; i++)
        {
            leases.Add(await manager.LeaseAsync(Account));
        }

        leases[0].Commit();
        leases[2].Commit();
        leases[4].Commit();
        leases[3].Dispose(); // never broadcast
        leases[1].Dispose(); // never broadcast
        leases.ForEach(l => l.Dispose());

        using var next1 = await manager.LeaseAsync(Account);
        using var next2 = await manager.LeaseAsync(Account);
        using var next3 = await manager.LeaseAsync(Account);
        Assert.Equal([BigInteger.One, new BigInteger(3), new BigInteger(5)], new[] { next1.Nonce, next2.Nonce, next3.Nonce });
    }

    [Fact]
    public async Task Release_NewestLeases_StepBackWithoutLeavingAGap()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(new BigInteger(5)));
        var five = await manager.LeaseAsync(Account);
        var six = await manager.LeaseAsync(Account);
        var seven = await manager.LeaseAsync(Account);

        six.Dispose(); // not the newest: remembered
        seven.Dispose(); // the newest: steps back and folds 6
        Assert.Equal(new BigInteger(6), manager.PeekNext(Account));
        five.Dispose();
        Assert.Equal(new BigInteger(5), manager.PeekNext(Account));

        using var again = await manager.LeaseAsync(Account);
        Assert.Equal(new BigInteger(5), again.Nonce);
    }

    [Fact]
    public async Task Release_ConcurrentMixOfCommitsAndReleases_LeavesNoGap()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(BigInteger.Zero));
        var committed = new ConcurrentBag<BigInteger>();
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
        {
            using var lease = await manager.LeaseAsync(Account);
            await Task.Yield();
            if (i % 3 != 0)
            {
                lease.Commit();
                committed.Add(lease.Nonce);
            }
        })));

        // Whatever was released is handed out again before anything new: the holes below the next nonce are exactly
        // the nonces the following leases get, and then every nonce below it is used.
        var next = manager.PeekNext(Account)!.Value;
        var holes = (int)next - committed.Count;
        for (var i = 0; i < holes; i++)
        {
            using var refill = await manager.LeaseAsync(Account);
            Assert.True(refill.Nonce < next, $"lease {refill.Nonce} skipped a released nonce below {next}");
            refill.Commit();
            committed.Add(refill.Nonce);
        }

        Assert.Equal(Enumerable.Range(0, (int)next).Select(i => new BigInteger(i)), committed.Order());
        Assert.Equal(next, manager.PeekNext(Account));
    }

    [Fact]
    public async Task Dispose_AfterCommit_DoesNotReturnTheNonce()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(BigInteger.Zero));
        var lease = await manager.LeaseAsync(Account);
        lease.Commit();
        lease.Dispose();
        Assert.Equal(BigInteger.One, manager.PeekNext(Account));
    }

    [Fact]
    public async Task Dispose_Twice_ReturnsTheNonceOnce()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(BigInteger.Zero));
        var zero = await manager.LeaseAsync(Account);
        using var one = await manager.LeaseAsync(Account);
        one.Commit();
        zero.Dispose();
        zero.Dispose();
        using var reused = await manager.LeaseAsync(Account);
        using var fresh = await manager.LeaseAsync(Account);
        Assert.Equal(BigInteger.Zero, reused.Nonce);
        Assert.Equal(new BigInteger(2), fresh.Nonce);
    }

    [Fact]
    public async Task Invalidate_NextLeaseReReadsTheChain()
    {
        var chain = new Queue<BigInteger>([10, 42]);
        var manager = new NonceManager((_, _) => Task.FromResult(chain.Dequeue()));
        using (var lease = await manager.LeaseAsync(Account))
        {
            lease.Commit();
        }

        manager.Invalidate(Account);
        Assert.Null(manager.PeekNext(Account));
        using var after = await manager.LeaseAsync(Account);
        Assert.Equal(new BigInteger(42), after.Nonce);
    }

    [Fact]
    public async Task Invalidate_ReleaseOfALeaseFromBefore_IsIgnored()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(new BigInteger(3)));
        var old = await manager.LeaseAsync(Account);
        manager.Invalidate(Account);
        using var fresh = await manager.LeaseAsync(Account);
        old.Dispose();
        Assert.Equal(new BigInteger(3), fresh.Nonce);
        Assert.Equal(new BigInteger(4), manager.PeekNext(Account));
    }

    [Fact]
    public void Invalidate_UnknownAccount_IsHarmless()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(BigInteger.Zero));
        manager.Invalidate(Account);
        Assert.Null(manager.PeekNext(Account));
    }

    [Fact]
    public async Task Lease_ChainReadFails_ThrowsAndTheNextLeaseReadsAgain()
    {
        var attempts = 0;
        var manager = new NonceManager((_, _) => ++attempts == 1 ? throw new InvalidOperationException("node down") : Task.FromResult(new BigInteger(8)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => manager.LeaseAsync(Account));
        using var lease = await manager.LeaseAsync(Account);
        Assert.Equal(new BigInteger(8), lease.Nonce);
    }

    [Fact]
    public async Task Lease_CancelledWhileTheChainIsRead_ThrowsOperationCanceled()
    {
        var manager = new NonceManager(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => manager.LeaseAsync(Account, cts.Token));
    }

    [Fact]
    public async Task Lease_EmptyAddress_ThrowsArgumentException()
    {
        var manager = new NonceManager((_, _) => Task.FromResult(BigInteger.Zero));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => manager.LeaseAsync(string.Empty));
    }
}

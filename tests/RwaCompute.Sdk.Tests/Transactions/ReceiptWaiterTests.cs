using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Tests.Fakes;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.Tests.Transactions;

public sealed class ReceiptWaiterTests
{
    private const string Hash = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string SignedBytes = "0x02f8b00182053980843b9aca00";

    private static readonly SentTransaction Sent = new(
        Hash,
        Rpc.Signer.Address,
        5,
        new TransactionCall("0x5FbDB2315678afecb367f032d93F642f64180aa3", "0x", BigInteger.Zero, "test"),
        21_000,
        SignedBytes);

    private static TransactionOptions Fast => new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(20),
        PollBackoffFactor = 2,
        ReceiptTimeout = TimeSpan.FromSeconds(5),
        DroppedAfter = TimeSpan.FromSeconds(10),
    };

    private static Transaction Pending => new() { TransactionHash = Hash };

    [Fact]
    public async Task Wait_ReceiptAlreadyThere_ReturnsAfterOnePoll()
    {
        var node = new FakeRpcClient().Returns("eth_getTransactionReceipt", Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)));
        var receipt = await new ReceiptWaiter(Rpc.Over(node), Fast).WaitAsync(Sent);
        Assert.Equal(Hash, receipt.TransactionHash);
        Assert.Single(node.Calls);
        Assert.Equal(Hash, node.Calls[0].Parameters[0]);
    }

    [Fact]
    public async Task Wait_ReceiptLate_PollsWithExponentialBackOff()
    {
        var polls = 0;
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => ++polls < 6 ? null : Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)))
            .Returns("eth_getTransactionByHash", Pending);
        var options = Fast with { InitialPollInterval = TimeSpan.FromMilliseconds(10), MaxPollInterval = TimeSpan.FromSeconds(1), PollBackoffFactor = 2 };

        await new ReceiptWaiter(Rpc.Over(node), options).WaitAsync(Sent);

        // A quick first re-poll (about 1 ms: fresh transactions are usually mined by then), then 10, 20, 40, 80 ms.
        var times = node.CallsOf("eth_getTransactionReceipt").Select(c => c.At.TotalMilliseconds).ToArray();
        Assert.Equal(6, times.Length);
        // (Only lower bounds are asserted: a loaded machine can delay any poll, never hasten one.)
        double[] expected = [10, 20, 40, 80];
        for (var i = 0; i < expected.Length; i++)
        {
            var gap = times[i + 2] - times[i + 1];
            Assert.True(gap >= expected[i] * 0.9, $"gap {i} was {gap:0.0} ms, expected at least {expected[i]} ms (gaps: {string.Join(", ", times.Zip(times.Skip(1), (a, b) => (b - a).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))})");
        }
    }

    [Fact]
    public async Task Wait_BackOff_IsCappedAtTheMaximumInterval()
    {
        // Growth ×100 from 10 ms: uncapped, the third wait alone would be 100 s and the 5 s timeout would fire long
        // before the sixth poll; capped at 20 ms the six polls take about 100 ms.
        var polls = 0;
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => ++polls < 6 ? null : Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)))
            .Returns("eth_getTransactionByHash", Pending);
        var options = Fast with
        {
            InitialPollInterval = TimeSpan.FromMilliseconds(10),
            MaxPollInterval = TimeSpan.FromMilliseconds(20),
            PollBackoffFactor = 100,
            ReceiptTimeout = TimeSpan.FromSeconds(5),
        };

        await new ReceiptWaiter(Rpc.Over(node), options).WaitAsync(Sent);

        var times = node.CallsOf("eth_getTransactionReceipt").Select(c => c.At.TotalMilliseconds).ToArray();
        Assert.Equal(6, times.Length);
        // Finishing at all proves the cap (uncapped, the third wait alone is 100 s); the gaps only show the waiter never
        // polls faster than the initial interval. Timers may fire a few milliseconds early on a loaded machine, so the
        // bound is the initial interval, not the cap (CI saw a 16.6 ms gap for a 20 ms delay).
        Assert.All(times.Zip(times.Skip(1)).Skip(2), pair => Assert.True(pair.Second - pair.First >= 9, $"gap {pair.Second - pair.First:0.0} ms below the 10 ms initial interval"));
    }

    [Fact]
    public async Task Wait_NoReceiptWithinTheTimeout_ThrowsTransactionTimeoutWithTheHash()
    {
        var node = new FakeRpcClient().Returns("eth_getTransactionReceipt", null).Returns("eth_getTransactionByHash", Pending);
        var options = Fast with { ReceiptTimeout = TimeSpan.FromMilliseconds(80) };

        var ex = await Assert.ThrowsAsync<TransactionTimeoutException>(() => new ReceiptWaiter(Rpc.Over(node), options).WaitAsync(Sent));
        Assert.Equal(Hash, ex.TransactionHash);
        Assert.Equal(TimeSpan.FromMilliseconds(80), ex.Timeout);
    }

    [Fact]
    public async Task Wait_TimeoutWhileARequestIsInFlight_ThrowsTransactionTimeout()
    {
        var node = new FakeRpcClient().OnAsync("eth_getTransactionReceipt", async _ =>
        {
            await Task.Delay(Timeout.Infinite);
            return null;
        });
        var options = Fast with { ReceiptTimeout = TimeSpan.FromMilliseconds(50) };
        await Assert.ThrowsAsync<TransactionTimeoutException>(() => new ReceiptWaiter(Rpc.Over(node), options).WaitAsync(Sent));
    }

    [Fact]
    public async Task Wait_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        var node = new FakeRpcClient().Returns("eth_getTransactionReceipt", null).Returns("eth_getTransactionByHash", Pending);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ReceiptWaiter(Rpc.Over(node), Fast).WaitAsync(Sent, cancellationToken: cts.Token));
        Assert.IsNotType<TransactionTimeoutException>(ex);
    }

    [Fact]
    public async Task Wait_AlreadyCancelled_MakesNoRequest()
    {
        var node = new FakeRpcClient();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ReceiptWaiter(Rpc.Over(node), Fast).WaitAsync(Sent, cancellationToken: new CancellationToken(true)));
        Assert.Empty(node.Calls);
    }

    [Fact]
    public async Task Wait_TransactionDroppedByTheNode_RebroadcastsTheSameSignedBytesAfterDroppedAfter()
    {
        var rebroadcast = false;
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => rebroadcast ? Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)) : null)
            .Returns("eth_getTransactionByHash", null)
            .Returns("eth_getTransactionCount", Rpc.Hex(5))
            .On("eth_sendRawTransaction", p =>
            {
                rebroadcast = true;
                return Hash;
            });
        var options = Fast with { DroppedAfter = TimeSpan.FromMilliseconds(40) };

        var receipt = await new ReceiptWaiter(Rpc.Over(node), options).WaitAsync(Sent);

        Assert.Equal(Hash, receipt.TransactionHash);
        var send = Assert.Single(node.CallsOf("eth_sendRawTransaction"));
        Assert.Equal(SignedBytes, send.Parameters[0]);
        // The pool is only asked once the receipt has been missing for DroppedAfter; then the bytes go out again.
        var firstMissing = node.CallsOf("eth_getTransactionReceipt")[0].At;
        Assert.True(node.CallsOf("eth_getTransactionByHash")[0].At - firstMissing >= TimeSpan.FromMilliseconds(36), "the pool was asked before DroppedAfter");
        Assert.True(send.At - firstMissing >= TimeSpan.FromMilliseconds(36), $"re-broadcast {(send.At - firstMissing).TotalMilliseconds} ms after the transaction went missing");
    }

    [Fact]
    public async Task Wait_TransactionStillInThePool_IsNotRebroadcast()
    {
        var polls = 0;
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => ++polls < 8 ? null : Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)))
            .Returns("eth_getTransactionByHash", Pending)
            .Returns("eth_getTransactionCount", Rpc.Hex(5))
            .Returns("eth_sendRawTransaction", Hash);
        var options = Fast with { DroppedAfter = TimeSpan.FromMilliseconds(1) };

        await new ReceiptWaiter(Rpc.Over(node), options).WaitAsync(Sent);
        Assert.Equal(0, node.CountOf("eth_sendRawTransaction"));
    }

    [Fact]
    public async Task Wait_RebroadcastAnsweredAlreadyKnown_KeepsWaiting()
    {
        var sends = 0;
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => Volatile.Read(ref sends) > 0 ? Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)) : null)
            .Returns("eth_getTransactionByHash", null)
            .Returns("eth_getTransactionCount", Rpc.Hex(5))
            .On("eth_sendRawTransaction", _ =>
            {
                Interlocked.Increment(ref sends);
                throw Rpc.Error("already known");
            });
        var options = Fast with { DroppedAfter = TimeSpan.FromMilliseconds(10) };

        var receipt = await new ReceiptWaiter(Rpc.Over(node), options).WaitAsync(Sent);
        Assert.Equal(Hash, receipt.TransactionHash);
    }

    [Fact]
    public async Task Wait_Confirmations_ReturnsOnlyOnceTheBlockIsDeepEnough()
    {
        var head = 10L;
        var node = new FakeRpcClient()
            .Returns("eth_getTransactionReceipt", Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)))
            .On("eth_blockNumber", _ => new HexBigInteger(Interlocked.Increment(ref head) - 1))
            .Returns("eth_getBlockByNumber", Rpc.Block(10, Rpc.BlockHash(10)));

        var receipt = await new ReceiptWaiter(Rpc.Over(node), Fast).WaitAsync(Sent, confirmations: 3);

        Assert.Equal(Hash, receipt.TransactionHash);
        Assert.Equal(3, node.CountOf("eth_blockNumber")); // heads 10, 11: too shallow; 12: three blocks
        Assert.Equal("0xa", node.CallsOf("eth_getBlockByNumber").Single().Parameters[0]?.ToString());
    }

    [Fact]
    public async Task Wait_ReceiptWhoseBlockIsNoLongerCanonical_IsNotReturned()
    {
        // The first receipt is in block 10 under hash A; the canonical block 10 is now B (reorg). The node later
        // reports the transaction re-mined in block 11 (hash C, canonical): that one is returned.
        var stale = Rpc.Receipt(Hash, 10, Rpc.BlockHash(0xa));
        var remined = Rpc.Receipt(Hash, 11, Rpc.BlockHash(0xc));
        var polls = 0;
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => ++polls <= 2 ? stale : remined)
            .Returns("eth_blockNumber", new HexBigInteger(20))
            .On("eth_getBlockByNumber", p => p[0]?.ToString() == "0xa" ? Rpc.Block(10, Rpc.BlockHash(0xb)) : Rpc.Block(11, Rpc.BlockHash(0xc)));

        var receipt = await new ReceiptWaiter(Rpc.Over(node), Fast).WaitAsync(Sent, confirmations: 2);

        Assert.Same(remined, receipt);
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task Wait_OneConfirmation_DoesNotCheckTheBlock()
    {
        var node = new FakeRpcClient().Returns("eth_getTransactionReceipt", Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)));
        await new ReceiptWaiter(Rpc.Over(node), Fast with { Confirmations = 1 }).WaitAsync(Sent);
        Assert.Equal(0, node.CountOf("eth_blockNumber"));
        Assert.Equal(0, node.CountOf("eth_getBlockByNumber"));
    }

    [Fact]
    public async Task Wait_ConfirmationsFromOptions_AreUsedWhenNotOverridden()
    {
        var node = new FakeRpcClient()
            .Returns("eth_getTransactionReceipt", Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)))
            .Returns("eth_blockNumber", new HexBigInteger(10))
            .Returns("eth_getBlockByNumber", Rpc.Block(10, Rpc.BlockHash(10)));
        var options = Fast with { Confirmations = 2, ReceiptTimeout = TimeSpan.FromMilliseconds(60) };
        await Assert.ThrowsAsync<TransactionTimeoutException>(() => new ReceiptWaiter(Rpc.Over(node), options).WaitAsync(Sent));
    }

    /// <summary>SDK BUG (fails until fixed): one transport error while polling ends the wait with
    /// RpcUnavailableException, although the transaction is already out. RpcUnavailableException's contract says
    /// "re-running the operation is safe", so a caller that follows it sends the purchase a second time.</summary>
    [Fact]
    public async Task Wait_TransientRpcFailureWhilePolling_KeepsPolling()
    {
        var node = new FakeRpcClient()
            .Sequence("eth_getTransactionReceipt", null, new HttpRequestException("connection reset"), Rpc.Receipt(Hash, 10, Rpc.BlockHash(10)))
            .Returns("eth_getTransactionByHash", Pending);

        var receipt = await new ReceiptWaiter(Rpc.Over(node), Fast).WaitAsync(Sent);
        Assert.Equal(Hash, receipt.TransactionHash);
    }
}

using System.Diagnostics;
using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Tests.Fakes;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.Tests.Transactions;

/// <summary>R-2 and R-3: waiting for a receipt when the node goes away, restarts or loses blocks. A transaction is
/// only "dropped" when the block that used its nonce shows another transaction; a nonce gap is refilled from the kept
/// signed bytes; a re-broadcast warning means a real drop.</summary>
public sealed class NonceRecoveryTests
{
    private const string Hash = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string OtherHash = "0x2222222222222222222222222222222222222222222222222222222222222222";
    private const string Bytes = "0x02f8b00182053980843b9aca05";
    private static readonly TransactionCall Call = new("0x5FbDB2315678afecb367f032d93F642f64180aa3", "0x", BigInteger.Zero, "test");
    private static readonly SentTransaction Sent = new(Hash, Rpc.Signer.Address, 5, Call, 21_000, Bytes);

    private static TransactionOptions Fast => new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(2),
        MaxPollInterval = TimeSpan.FromMilliseconds(10),
        ReceiptTimeout = TimeSpan.FromSeconds(5),
        DroppedAfter = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>The account's transaction count: <paramref name="latest"/> at the latest block and
    /// <paramref name="pending"/> with the pool; at historic blocks, <paramref name="atBlock"/>.</summary>
    private static Func<object?[], object?> Counts(Func<BigInteger> latest, Func<BigInteger> pending, Func<long, BigInteger>? atBlock = null) => p =>
        p[1] switch
        {
            "latest" => Rpc.Hex(latest()),
            "pending" => Rpc.Hex(pending()),
            string block => Rpc.Hex((atBlock ?? (_ => latest()))((long)new HexBigInteger(block).Value)),
            _ => throw new InvalidOperationException("unexpected block parameter"),
        };

    private static BlockWithTransactions BlockWith(string hash) => new()
    {
        Number = Rpc.Hex(4),
        Transactions = [new Transaction { From = Rpc.Signer.Address, Nonce = Rpc.Hex(5), TransactionHash = hash }],
    };

    [Fact]
    public async Task R2_NodeGoneWhileTheReceiptIsAwaited_ThrowsPossiblySentNodeUnavailable_NotATimeout()
    {
        var node = new FakeRpcClient().On("eth_getTransactionReceipt", _ => throw new HttpRequestException("connection refused"));
        var options = Fast with { NodeUnavailableTimeout = TimeSpan.FromMilliseconds(150), ReceiptTimeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<TransactionPossiblySentException>(() => new ReceiptWaiter(Rpc.Over(node), options).WaitAsync(Sent));

        Assert.Equal(PossiblySentReason.NodeUnavailable, failure.Reason);
        Assert.Equal(Hash, failure.TransactionHash);
        Assert.Equal(Bytes, failure.SignedTransaction);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), "gave up before NodeUnavailableTimeout");
    }

    [Fact]
    public async Task R2_NodeBlinksShorterThanTheLimit_KeepsWaiting()
    {
        var polls = 0;
        var node = new FakeRpcClient().On("eth_getTransactionReceipt", _ => ++polls switch
        {
            < 4 => throw new HttpRequestException("connection refused"),
            _ => Rpc.Receipt(Hash, 9, Rpc.BlockHash(9)),
        });

        var receipt = await new ReceiptWaiter(Rpc.Over(node), Fast with { NodeUnavailableTimeout = TimeSpan.FromSeconds(5) }).WaitAsync(Sent);

        Assert.Equal(Hash, receipt.TransactionHash);
    }

    [Fact]
    public async Task R3_NonceUsedButTheReceiptIsMissing_IsNeverDeclaredDropped()
    {
        // A restarted node: the transaction was mined (nonce 5 used in block 4 by this very hash) but the receipt index
        // answers nothing for a while, and a re-broadcast is refused with "nonce too low".
        var polls = 0;
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => Interlocked.Increment(ref polls) < 30 ? null : Rpc.Receipt(Hash, 4, Rpc.BlockHash(4)))
            .Returns("eth_getTransactionByHash", null)
            .Returns("eth_blockNumber", Rpc.Hex(9))
            .On("eth_getTransactionCount", Counts(() => 6, () => 6, block => block >= 4 ? 6 : 5))
            .On("eth_getBlockByNumber", _ => BlockWith(Hash))
            .On("eth_sendRawTransaction", _ => throw Rpc.Error("nonce too low"));

        var receipt = await new ReceiptWaiter(Rpc.Over(node), Fast).WaitAsync(Sent);

        Assert.Equal(Hash, receipt.TransactionHash);
    }

    [Fact]
    public async Task R3_NonceUsedByAnotherTransaction_ThrowsDroppedNamingIt()
    {
        var node = new FakeRpcClient()
            .Returns("eth_getTransactionReceipt", null)
            .Returns("eth_getTransactionByHash", null)
            .Returns("eth_blockNumber", Rpc.Hex(9))
            .On("eth_getTransactionCount", Counts(() => 6, () => 6, block => block >= 4 ? 6 : 5))
            .On("eth_getBlockByNumber", _ => BlockWith(OtherHash));

        var dropped = await Assert.ThrowsAsync<TransactionDroppedException>(() => new ReceiptWaiter(Rpc.Over(node), Fast).WaitAsync(Sent));

        Assert.Equal(OtherHash, dropped.ReplacedBy);
        Assert.Equal(0, node.CountOf("eth_sendRawTransaction"));
    }

    [Fact]
    public async Task R3_GapLeftByLostTransactions_IsRefilledFromTheKeptBytesInNonceOrder()
    {
        // The chain went back to nonce 3: transactions 3 and 4 (reported mined earlier) are gone, and 5 sits queued.
        var rpc = Rpc.Over(new FakeRpcClient());
        var nonces = new NonceManager((_, _) => Task.FromResult(new BigInteger(6)));
        nonces.Remember(Sent with { Hash = "0x03", Nonce = 3, SignedTransaction = "0x0303" });
        nonces.Remember(Sent with { Hash = "0x04", Nonce = 4, SignedTransaction = "0x0404" });
        _ = await nonces.LeaseAsync(Rpc.Signer.Address); // the local counter stands at 6, ahead of the chain
        var sent = new List<string>();
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => sent.Contains("0x0404") ? Rpc.Receipt(Hash, 4, Rpc.BlockHash(4)) : null)
            .Returns("eth_getTransactionByHash", new Transaction { TransactionHash = Hash })
            .On("eth_getTransactionCount", Counts(() => 3, () => 3))
            .On("eth_sendRawTransaction", p =>
            {
                lock (sent)
                {
                    sent.Add((string)p[0]!);
                }

                return "0x";
            });
        var logger = new ListLogger();

        var receipt = await new ReceiptWaiter(Rpc.Over(node), Fast, logger, nonces).WaitAsync(Sent);

        Assert.Equal(Hash, receipt.TransactionHash);
        Assert.Equal(["0x0303", "0x0404"], sent);
        Assert.Null(nonces.PeekNext(Rpc.Signer.Address)); // re-synced: the next lease reads the chain again
        Assert.Contains(logger.Warnings, w => w.Contains("lost nonces 3..4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task R3_RebroadcastTheNodeAlreadyHad_LogsNoDropWarning()
    {
        var sends = 0;
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => Volatile.Read(ref sends) >= 3 ? Rpc.Receipt(Hash, 9, Rpc.BlockHash(9)) : null)
            .Returns("eth_getTransactionByHash", null)
            .On("eth_getTransactionCount", Counts(() => 5, () => 6))
            .On("eth_sendRawTransaction", _ =>
            {
                Interlocked.Increment(ref sends);
                throw Rpc.Error("already known");
            });
        var logger = new ListLogger();

        await new ReceiptWaiter(Rpc.Over(node), Fast, logger).WaitAsync(Sent);

        Assert.Empty(logger.Warnings);
    }

    [Fact]
    public async Task R3_RealDrop_LogsOneWarningPerRebroadcast()
    {
        var sends = 0;
        var node = new FakeRpcClient()
            .On("eth_getTransactionReceipt", _ => Volatile.Read(ref sends) > 0 ? Rpc.Receipt(Hash, 9, Rpc.BlockHash(9)) : null)
            .Returns("eth_getTransactionByHash", null)
            .On("eth_getTransactionCount", Counts(() => 5, () => 5))
            .On("eth_sendRawTransaction", _ =>
            {
                Interlocked.Increment(ref sends);
                return Hash;
            });
        var logger = new ListLogger();

        await new ReceiptWaiter(Rpc.Over(node), Fast, logger).WaitAsync(Sent);

        Assert.Equal(1, sends);
        Assert.Single(logger.Warnings);
    }
}

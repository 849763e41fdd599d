using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Tests.Fakes;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.Tests.Transactions;

/// <summary>R-1: every send is exactly-once from the caller's view. The hash is known before the broadcast, an
/// ambiguous failure says "possibly sent" with the hash and nonce, and a re-run with a journal resolves the earlier
/// attempt (mined: report it; dropped: the same bytes again; replaced: a new transaction) instead of sending twice.</summary>
public sealed class ExactlyOnceTests
{
    private const long ChainId = 31_337;
    private const string Token = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private const string OtherHash = "0xdeadbeef00000000000000000000000000000000000000000000000000000000";
    private static readonly BigInteger Gwei = 1_000_000_000;
    private static readonly TransactionCall Call = new(Token, "0xabcdef0100000000000000000000000000000000000000000000000000000000000000000a", BigInteger.Zero, "escrow.purchase(offer 1, 10 units)");

    private static TransactionOptions Options(ITransactionJournal? journal) => new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(2),
        MaxPollInterval = TimeSpan.FromMilliseconds(10),
        ReceiptTimeout = TimeSpan.FromSeconds(5),
        FeeQuoteLifetime = TimeSpan.FromMinutes(1),
        DroppedAfter = TimeSpan.FromMilliseconds(20),
        Journal = journal,
    };

    private static string HashOf(string signed) => Sha3Keccack.Current.CalculateHash(signed.HexToByteArray()).ToHex(true);

    /// <summary>A node whose chain has mined <paramref name="minedNonce"/> transactions of the signer (the same at
    /// every block: nothing else happens) and that mines whatever it accepts.</summary>
    private static FakeRpcClient Node(Func<string, bool> accept, List<string> accepted, BigInteger? minedNonce = null) => new FakeRpcClient()
        .Returns("eth_estimateGas", Rpc.Hex(100_000))
        .Returns("eth_maxPriorityFeePerGas", Rpc.Hex(2 * Gwei))
        .Returns("eth_getBlockByNumber", Rpc.Block(50, Rpc.BlockHash(50), 10 * Gwei))
        .Returns("eth_blockNumber", Rpc.Hex(50))
        .On("eth_getTransactionCount", _ => Rpc.Hex(minedNonce ?? 7 + accepted.Count))
        .Returns("eth_getTransactionByHash", null)
        .On("eth_getTransactionReceipt", p => accepted.Any(raw => HashOf(raw) == (string)p[0]!) ? Rpc.Receipt((string)p[0]!, 51, Rpc.BlockHash(51)) : null)
        .On("eth_sendRawTransaction", p =>
        {
            var raw = (string)p[0]!;
            if (!accept(raw))
            {
                throw new HttpRequestException("connection refused");
            }

            accepted.Add(raw);
            return HashOf(raw);
        });

    private static TransactionSender Sender(FakeRpcClient node, ITransactionJournal? journal)
    {
        var options = Options(journal);
        var rpc = Rpc.Over(node);
        var nonces = new NonceManager((address, ct) => rpc.PendingNonceAsync(address, ct));
        return new TransactionSender(rpc, Rpc.Signer, ChainId, nonces, new FeeEstimator(rpc, options), new ReceiptWaiter(rpc, options, null, nonces), options, SuiteErrorDecoder.Instance);
    }

    [Fact]
    public async Task R1_TheSignedTransactionIsJournaledBeforeItsBroadcast()
    {
        var journal = new MemoryJournal();
        var journaledFirst = false;
        var accepted = new List<string>();
        var node = Node(
            raw =>
            {
                journaledFirst = journal.Entries.Any(e => e.SignedTransaction == raw && e.Hash == HashOf(raw));
                return true;
            },
            accepted);

        var receipt = await Sender(node, journal).SendAndWaitAsync(Call);

        Assert.True(journaledFirst, "the node saw the transaction before the journal had it");
        var entry = Assert.Single(journal.Entries);
        Assert.Equal(receipt.TransactionHash, entry.Hash);
        Assert.True(entry.Mined);
        Assert.Equal(new BigInteger(7), entry.Nonce);
    }

    [Fact]
    public async Task R1_RerunAfterTheConnectionDiedOnceTheNodeHadIt_ReportsTheFirstTransactionAndSendsNothing()
    {
        var accepted = new List<string>();
        var cut = true;
        // The node accepts the purchase, then the connection dies before its answer arrives.
        var node = Node(_ => true, accepted).On("eth_sendRawTransaction", p =>
        {
            accepted.Add((string)p[0]!);
            return cut ? throw new HttpRequestException("connection reset by peer") : HashOf((string)p[0]!);
        });
        var journal = new MemoryJournal();

        var failure = await Assert.ThrowsAsync<TransactionPossiblySentException>(() => Sender(node, journal).SendAndWaitAsync(Call));
        cut = false;
        var receipt = await Sender(node, journal.NextRun()).SendAndWaitAsync(Call);

        Assert.Equal(failure.TransactionHash, receipt.TransactionHash);
        Assert.Single(accepted); // one purchase, not two
        Assert.Equal(1, node.CountOf("eth_sendRawTransaction"));
        Assert.Equal(1, node.CountOf("eth_estimateGas")); // the re-run did not even simulate a new one
    }

    [Fact]
    public async Task R1_RerunWhenTheFirstAttemptNeverReachedTheNode_RebroadcastsTheSameBytes()
    {
        var accepted = new List<string>();
        var reachable = false;
        var node = Node(_ => reachable, accepted);
        var journal = new MemoryJournal();

        var failure = await Assert.ThrowsAsync<TransactionPossiblySentException>(() => Sender(node, journal).SendAndWaitAsync(Call));
        reachable = true;
        var receipt = await Sender(node, journal.NextRun()).SendAndWaitAsync(Call);

        Assert.Equal(failure.TransactionHash, receipt.TransactionHash);
        Assert.Equal(failure.SignedTransaction, Assert.Single(accepted));
        Assert.Equal(failure.Nonce, new BigInteger(7));
    }

    [Fact]
    public async Task R1_RerunWhenTheFirstAttemptsNonceWentToAnotherTransaction_SendsANewOne()
    {
        var accepted = new List<string>();
        var reachable = false;
        // The account's nonce 7 was used (from another machine) by OtherHash in block 3: the first attempt can never
        // be mined, so the re-run must send a new transaction with nonce 8.
        var node = Node(_ => reachable, accepted)
            .On("eth_getTransactionCount", p => Rpc.Hex(p[1] is string block && block.StartsWith("0x", StringComparison.Ordinal)
                ? (new HexBigInteger(block).Value >= 3 ? 8 : 7)
                : reachable ? 8 + accepted.Count : 7))
            .On("eth_getBlockByNumber", p => p.Length > 1 && p[1] is true
                ? new BlockWithTransactions { Number = Rpc.Hex(3), Transactions = [new Transaction { From = Rpc.Signer.Address, Nonce = Rpc.Hex(7), TransactionHash = OtherHash }] }
                : Rpc.Block(50, Rpc.BlockHash(50), 10 * Gwei));
        var journal = new MemoryJournal();

        var failure = await Assert.ThrowsAsync<TransactionPossiblySentException>(() => Sender(node, journal).SendAndWaitAsync(Call));
        reachable = true;
        var receipt = await Sender(node, journal.NextRun()).SendAndWaitAsync(Call);

        Assert.NotEqual(failure.TransactionHash, receipt.TransactionHash);
        Assert.Equal(new BigInteger(8), Assert.IsType<Nethereum.Model.Transaction1559>(Nethereum.Model.TransactionFactory.CreateTransaction(Assert.Single(accepted))).Nonce);
    }

    [Fact]
    public async Task R1_CancelledWhileTheReceiptIsAwaited_SaysPossiblySentAndKeepsTheJournalEntry()
    {
        var accepted = new List<string>();
        var broadcast = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Accepted but never mined while we wait.
        var node = Node(
                _ =>
                {
                    broadcast.TrySetResult();
                    return true;
                },
                accepted)
            .Returns("eth_getTransactionReceipt", null)
            .Returns("eth_getTransactionByHash", new Transaction { TransactionHash = "0x01" });
        var journal = new MemoryJournal();
        using var cts = new CancellationTokenSource();

        var sending = Sender(node, journal).SendAndWaitAsync(Call, cts.Token);
        await broadcast.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync(); // Ctrl+C once the transaction is out
        var failure = await Assert.ThrowsAsync<TransactionPossiblySentException>(() => sending);

        Assert.Equal(PossiblySentReason.Cancelled, failure.Reason);
        Assert.Equal(HashOf(Assert.Single(accepted)), failure.TransactionHash);
        Assert.Contains(failure.TransactionHash, failure.Message, StringComparison.Ordinal);
        Assert.Equal(failure.TransactionHash, Assert.Single(journal.Entries).Hash);
    }

    [Fact]
    public async Task R1_MinedReverted_IsForgottenSoARerunTriesAgain()
    {
        var accepted = new List<string>();
        var node = Node(_ => true, accepted)
            .On("eth_getTransactionReceipt", p => Rpc.Receipt((string)p[0]!, 51, Rpc.BlockHash(51), status: 0))
            .Returns("eth_call", "0x");
        var journal = new MemoryJournal();

        await Assert.ThrowsAnyAsync<RwaCompute.Contracts.Runtime.RwaComputeException>(() => Sender(node, journal).SendAndWaitAsync(Call));

        Assert.Empty(journal.Entries);
    }

    [Fact]
    public async Task R1_NodeRefusesTheTransaction_NothingStaysJournaled()
    {
        var journal = new MemoryJournal();
        var node = Node(_ => true, []).On("eth_sendRawTransaction", _ => throw Rpc.Error("insufficient funds for gas * price + value"));

        await Assert.ThrowsAsync<Nethereum.JsonRpc.Client.RpcResponseException>(() => Sender(node, journal).SendAsync(Call));

        Assert.Empty(journal.Entries);
    }
}

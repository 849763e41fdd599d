using System.Globalization;
using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Tests.Errors;
using RwaCompute.Sdk.Tests.Fakes;
using RwaCompute.Sdk.Transactions;
using Xunit;
using TokenContract = RwaCompute.Sdk.Contracts.ComputeCapacityToken;

namespace RwaCompute.Sdk.Tests.Transactions;

/// <summary>The bulk path (<see cref="TransactionSender.SendBatchAsync"/>) against a small automining chain behind HTTP
/// (<see cref="FakeChainNode"/>): what goes into each JSON-RPC batch, how the simulation is shared per call shape, the
/// order of nonces and results, how a node's refusal of one transaction maps to the error a single send gets (without
/// stalling the rest), and the journal before every broadcast.</summary>
public sealed class BatchSendTests
{
    private const long ChainId = 31_337;
    private const string Token = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private const string Escrow = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    private static readonly BigInteger Gwei = FakeChainNode.Gwei;

    private static TransactionOptions Options => new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(2),
        MaxPollInterval = TimeSpan.FromMilliseconds(10),
        ReceiptTimeout = TimeSpan.FromSeconds(10),
        DroppedAfter = TimeSpan.FromMilliseconds(100),
        FeeQuoteLifetime = TimeSpan.FromMinutes(1),
    };

    /// <summary>Calls of one shape (same contract and selector), different arguments: 0xabcdef01 + the index.</summary>
    private static List<TransactionCall> Calls(int count, string to = Token, string selector = "0xabcdef01") =>
        [.. Enumerable.Range(0, count).Select(i => new TransactionCall(to, selector + i.ToString("x64", CultureInfo.InvariantCulture), BigInteger.Zero, $"call {i}"))];

    private static (TransactionSender Sender, NonceManager Nonces) Create(FakeChainNode node, TransactionOptions? options = null)
    {
        options ??= Options;
        var rpc = node.Rpc();
        var nonces = new NonceManager((address, ct) => rpc.PendingNonceAsync(address, ct));
        var sender = new TransactionSender(rpc, Rpc.Signer, ChainId, nonces, new FeeEstimator(rpc, options), new ReceiptWaiter(rpc, options, null, nonces), options, SuiteErrorDecoder.Instance);
        return (sender, nonces);
    }

    private static Nethereum.Model.Transaction1559 SentFor(FakeChainNode node, BatchItemResult result) =>
        node.Offered.Last(o => o.Hash == result.Transaction!.Hash).Tx;

    [Fact]
    public async Task OneShape_IsSimulatedOnASample_InOneRequest_AndTheRestShareTheLargestEstimateWithHeadroom()
    {
        var calls = Calls(10);
        var node = new FakeChainNode(7) { Estimate = data => data == calls[9].Data ? 110_000 : 100_000 };

        var results = await Create(node).Sender.SendBatchAsync(calls);

        var estimates = Assert.Single(node.Requests, r => r.Contains("eth_estimateGas"));
        Assert.Equal(2, estimates.Count); // the first and the last call of the shape, in one JSON-RPC batch
        Assert.True(results.AllMined);
        Assert.Equal(new BigInteger(120_000), results[0].Transaction!.GasLimit); // its own estimate + 20 %
        Assert.Equal(new BigInteger(132_000), results[9].Transaction!.GasLimit);
        Assert.All(results.Skip(1).Take(8), r => Assert.Equal(new BigInteger(165_000), r.Transaction!.GasLimit)); // largest + 50 %
        Assert.Equal(new BigInteger(165_000), SentFor(node, results[4]).GasLimit);
    }

    [Fact]
    public async Task TwoShapes_AreSampledTogether_AndEveryCallCanBeSimulatedOnItsOwn()
    {
        var calls = Calls(6).Concat(Calls(6, Escrow, "0x12345678")).ToList();
        var node = new FakeChainNode(7);

        await Create(node).Sender.SendBatchAsync(calls);
        var perShape = node.CountOf("eth_estimateGas");
        var node2 = new FakeChainNode(7);
        await Create(node2).Sender.SendBatchAsync(calls, new BatchOptions { Simulation = BatchSimulation.EveryCall, ChunkSize = 5 });

        Assert.Equal(4, perShape);
        Assert.Single(node.Requests, r => r.Contains("eth_estimateGas"));
        Assert.Equal(12, node2.CountOf("eth_estimateGas"));
        Assert.Equal([5, 5, 2], node2.Requests.Where(r => r.Contains("eth_estimateGas")).Select(r => r.Count));
    }

    [Fact]
    public async Task Broadcast_IsChunkedIntoJsonRpcBatchesInNonceOrder_AndResultsComeBackInCallOrder()
    {
        var calls = Calls(250);
        var node = new FakeChainNode(7);

        var results = await Create(node).Sender.SendBatchAsync(calls, new BatchOptions { ChunkSize = 100 });

        Assert.Equal([25, 50, 100, 75], node.SendBatchSizes); // ramps up to the chunk size
        Assert.Equal(Enumerable.Range(0, 250).Select(i => new BigInteger(7 + i)), node.Offered.Select(o => o.Tx.Nonce!.Value));
        Assert.Equal(Enumerable.Range(0, 250), results.Select(r => r.Index));
        Assert.All(results, r =>
        {
            Assert.Equal(BatchItemOutcome.Mined, r.Outcome);
            Assert.Same(calls[r.Index], r.Call);
            Assert.Equal(r.Transaction!.Hash, r.Receipt!.TransactionHash);
            Assert.Equal(calls[r.Index].Data, FakeChainNode.DataOf(SentFor(node, r)));
        });
        Assert.Equal(1, node.CountOf("eth_getTransactionCount")); // one nonce read for the whole range
        Assert.Equal(1, node.CountOf("eth_maxPriorityFeePerGas")); // one fee quote
        Assert.Equal(0, node.CountOf("eth_getTransactionReceipt")); // receipts come block by block
        Assert.Equal(250, node.CountOf("eth_getBlockReceipts"));
    }

    [Fact]
    public async Task RefusedTransaction_GetsTheTypedErrorOfASingleSend_AndItsNonceIsFilledSoTheRestAreMined()
    {
        var calls = Calls(8);
        var node = new FakeChainNode(7)
        {
            Refuse = (tx, _) => FakeChainNode.DataOf(tx) == calls[3].Data ? "execution reverted" : null,
            RevertData = data => data == calls[3].Data ? SuiteErrorDecoderTests.TokenLotExpired : null,
        };

        var results = await Create(node).Sender.SendBatchAsync(calls);

        Assert.Equal(BatchItemOutcome.Failed, results[3].Outcome);
        var error = Assert.IsType<TokenContract.ComputeTokenLotExpiredException>(results[3].Error);
        Assert.Equal(new BigInteger(5), error.Error.LotId);
        Assert.Equal(7, results.MinedCount);
        var filler = Assert.Single(node.Offered, o => o.Tx.Nonce == 10 && FakeChainNode.DataOf(o.Tx) == "0x");
        Assert.Equal(Rpc.Signer.Address, filler.Tx.ReceiverAddress, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new BigInteger(21_000), filler.Tx.GasLimit);
        Assert.Equal(BigInteger.Zero, filler.Tx.Amount ?? BigInteger.Zero);
        Assert.Equal(new BigInteger(15), node.NextNonce); // 8 nonces used: nothing waits behind the refused one
    }

    [Fact]
    public async Task RefusedLastTransaction_IsNotFilled_AndItsNonceGoesBackToTheNonceManager()
    {
        var calls = Calls(4);
        var node = new FakeChainNode(7) { Refuse = (tx, _) => tx.Nonce == 10 ? "insufficient funds for gas * price + value" : null };
        var (sender, nonces) = Create(node);

        var results = await sender.SendBatchAsync(calls);

        Assert.Equal(BatchItemOutcome.Failed, results[3].Outcome);
        var refusal = Assert.IsType<Nethereum.JsonRpc.Client.RpcResponseException>(results[3].Error); // as a single send throws it
        Assert.Contains("insufficient funds", refusal.RpcError.Message, StringComparison.Ordinal);
        Assert.Equal(4, node.Offered.Count);
        Assert.Equal(new BigInteger(10), nonces.PeekNext(Rpc.Signer.Address));
    }

    [Fact]
    public async Task Underpriced_IsResignedAtTheSameNonceWithAHigherFee()
    {
        var calls = Calls(5);
        var node = new FakeChainNode(7) { Refuse = (tx, offers) => tx.Nonce == 9 && offers == 1 ? "transaction underpriced" : null };

        var results = await Create(node).Sender.SendBatchAsync(calls);

        Assert.True(results.AllMined);
        var offers = node.Offered.Where(o => o.Tx.Nonce == 9).Select(o => o.Tx).ToList();
        Assert.Equal(2, offers.Count);
        Assert.Equal(offers[0].MaxFeePerGas * 125 / 100, offers[1].MaxFeePerGas);
        Assert.Equal(new BigInteger(9), SentFor(node, results[2]).Nonce);
    }

    [Fact]
    public async Task NonceTooLow_TheCallIsResentWithAFreshNonceAfterTheBatch()
    {
        var calls = Calls(5);
        var node = new FakeChainNode(7);
        var (sender, _) = Create(node);
        var first = true;
        node.OnBroadcast = _ =>
        {
            if (first)
            {
                // Another process of the same key takes nonce 7 just before our first transaction arrives.
                first = false;
                node.UseNonceElsewhere();
            }
        };

        var results = await sender.SendBatchAsync(calls);

        Assert.True(results.AllMined);
        Assert.Equal(new BigInteger(12), results[0].Transaction!.Nonce); // after the batch's 8..11
        Assert.Equal(Enumerable.Range(8, 4).Select(n => new BigInteger(n)), results.Skip(1).Select(r => r.Transaction!.Nonce));
    }

    [Fact]
    public async Task Journal_RecordsEveryTransactionBeforeTheRequestThatBroadcastsIt_AndMarksThemMined()
    {
        var calls = Calls(60);
        var journal = new MemoryJournal();
        var node = new FakeChainNode(7);
        var unjournaled = new List<string>();
        node.OnBroadcast = hash =>
        {
            if (!journal.Entries.Exists(e => e.Hash == hash))
            {
                unjournaled.Add(hash);
            }
        };

        var results = await Create(node, Options with { Journal = journal }).Sender.SendBatchAsync(calls, new BatchOptions { ChunkSize = 20 });

        Assert.True(results.AllMined);
        Assert.Empty(unjournaled);
        Assert.Equal(60, journal.Entries.Count);
        Assert.All(journal.Entries, e => Assert.True(e.Mined));
    }

    [Fact]
    public async Task Rerun_WithTheJournal_ResolvesTheEarlierAttemptsInsteadOfSendingAgain()
    {
        var calls = Calls(6);
        var journal = new MemoryJournal();
        var node = new FakeChainNode(7);
        await Create(node, Options with { Journal = journal }).Sender.SendBatchAsync(calls);
        var offered = node.Offered.Count;

        var again = await Create(node, Options with { Journal = journal.NextRun() }).Sender.SendBatchAsync(calls);

        Assert.True(again.AllMined);
        Assert.Equal(offered, node.Offered.Count); // nothing new was broadcast
        Assert.Equal(Enumerable.Range(7, 6).Select(n => new BigInteger(n)), again.Select(r => r.Transaction!.Nonce));
    }

    [Fact]
    public async Task ConnectionCutAfterTheNodeTookAChunk_ItsReceiptsStillResolveIt_AndLaterChunksAreNotSent()
    {
        var calls = Calls(40);
        var node = new FakeChainNode(7) { CutSendRequest = n => n == 2 ? true : null };
        var (sender, nonces) = Create(node);

        var results = await sender.SendBatchAsync(calls, new BatchOptions { ChunkSize = 8 });

        // Chunks: 2, 4, 8, 8, 8, 8, 2. The second one's answer was lost, but its transactions were mined.
        Assert.All(results.Take(6), r => Assert.Equal(BatchItemOutcome.Mined, r.Outcome));
        Assert.All(results.Skip(6), r =>
        {
            Assert.Equal(BatchItemOutcome.NotSent, r.Outcome);
            Assert.IsType<RpcUnavailableException>(r.Error);
        });
        Assert.Equal(2, node.SendBatchSizes.Count);
        Assert.Null(nonces.PeekNext(Rpc.Signer.Address)); // re-read from the chain before the next send
    }

    [Fact]
    public async Task ConnectionCutBeforeTheNodeReadTheChunk_TheSameBytesAreRebroadcast_NeverNewOnes()
    {
        var calls = Calls(6);
        var node = new FakeChainNode(7) { CutSendRequest = n => n == 2 ? false : null };

        var results = await Create(node).Sender.SendBatchAsync(calls, new BatchOptions { ChunkSize = 4 });

        // Chunks: 1, 2, 3. The second never arrived: the waiter found its nonces missing and re-broadcast the kept
        // bytes (the hashes signed before the cut), so those calls still happen exactly once.
        Assert.All(results.Take(3), r => Assert.Equal(BatchItemOutcome.Mined, r.Outcome));
        Assert.All(results.Skip(3), r => Assert.Equal(BatchItemOutcome.NotSent, r.Outcome));
        Assert.Equal(3, node.Offered.Select(o => o.Hash).Distinct().Count());
        Assert.Equal(new BigInteger(10), node.NextNonce);
    }

    [Fact]
    public async Task CancelledAfterTheFirstChunk_ThrowsBatchSendExceptionListingWhatMayBeOut()
    {
        var calls = Calls(30);
        var node = new FakeChainNode(7);
        using var cts = new CancellationTokenSource();
        node.OnBroadcast = _ => cts.Cancel();

        var ex = await Assert.ThrowsAsync<BatchSendException>(() => Create(node).Sender.SendBatchAsync(calls, new BatchOptions { ChunkSize = 8 }, cts.Token));

        var possiblySent = ex.PossiblySent.Select(p => p.TransactionHash).ToList();
        Assert.Equal(node.Offered.Select(o => o.Hash), possiblySent);
        Assert.All(ex.PossiblySent, p => Assert.Equal(PossiblySentReason.Cancelled, p.Reason));
        Assert.Equal(30 - possiblySent.Count, ex.Results.Count(r => r.Outcome == BatchItemOutcome.NotSent));
        Assert.Contains(possiblySent[0], ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
    }

    [Fact]
    public async Task CancelledBeforeAnythingWasSent_ThrowsOperationCanceled()
    {
        var node = new FakeChainNode(7);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create(node).Sender.SendBatchAsync(Calls(3), null, cts.Token));
        Assert.Empty(node.Offered);
    }

    [Fact]
    public async Task SampleReverts_EveryCallOfTheShapeIsSimulated_TheRevertingOneFailsTypedAndIsNotSent()
    {
        var calls = Calls(6);
        var node = new FakeChainNode(7)
        {
            Estimate = data => data == calls[0].Data ? throw Rpc.Revert(SuiteErrorDecoderTests.TokenLotExpired) : 100_000,
        };

        var results = await Create(node).Sender.SendBatchAsync(calls);

        Assert.IsType<TokenContract.ComputeTokenLotExpiredException>(results[0].Error);
        Assert.Null(results[0].Transaction);
        Assert.Equal(6, node.CountOf("eth_estimateGas")); // 2 samples + the 4 others on their own
        Assert.Equal(5, results.MinedCount);
        Assert.Equal(Enumerable.Range(7, 5).Select(n => new BigInteger(n)), results.Skip(1).Select(r => r.Transaction!.Nonce));
    }

    [Fact]
    public async Task MinedReverted_IsReplayedForItsTypedError()
    {
        var calls = Calls(4);
        var node = new FakeChainNode(7) { RevertData = data => data == calls[2].Data ? SuiteErrorDecoderTests.TokenLotExpired : null };

        var results = await Create(node).Sender.SendBatchAsync(calls);

        Assert.Equal(BatchItemOutcome.Failed, results[2].Outcome);
        Assert.IsType<TokenContract.ComputeTokenLotExpiredException>(results[2].Error);
        Assert.Equal(BigInteger.Zero, results[2].Receipt!.Status.Value);
        Assert.Equal(3, results.MinedCount);
    }

    [Fact]
    public async Task NodeWithoutBlockReceipts_PollsTheHashesInBatches()
    {
        var node = new FakeChainNode(7) { BlockReceipts = false };

        var results = await Create(node).Sender.SendBatchAsync(Calls(30));

        Assert.True(results.AllMined);
        Assert.Contains(node.Requests, r => r.Count > 1 && r.All(m => m == "eth_getTransactionReceipt"));
    }

    [Fact]
    public async Task NodeRefusingBatches_GetsTheRequestsOneByOneInOrder()
    {
        var node = new FakeChainNode(7) { RefusesBatches = true };

        var results = await Create(node).Sender.SendBatchAsync(Calls(12));

        Assert.True(results.AllMined);
        Assert.Equal(Enumerable.Range(7, 12).Select(n => new BigInteger(n)), node.Offered.Select(o => o.Tx.Nonce!.Value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task EmptyBatchOrNullCall_IsRefusedBeforeAnythingIsAsked(int shape)
    {
        var node = new FakeChainNode(7);
        IReadOnlyList<TransactionCall> calls = shape == 0 ? [] : [Calls(1)[0], null!];

        await Assert.ThrowsAsync<InputValidationException>(() => Create(node).Sender.SendBatchAsync(calls));
        Assert.Empty(node.Requests);
    }

    [Fact]
    public async Task LeaseMany_GivesAContiguousAscendingRange_AndUnusedLeasesComeBack()
    {
        var nonces = new NonceManager((_, _) => Task.FromResult(new BigInteger(7)));

        var leases = await nonces.LeaseManyAsync("0xabc", 5);
        leases[0].Commit();
        leases[1].Commit();
        foreach (var lease in leases)
        {
            lease.Dispose();
        }

        Assert.Equal(Enumerable.Range(7, 5).Select(n => new BigInteger(n)), leases.Select(l => l.Nonce));
        Assert.Equal(new BigInteger(9), nonces.PeekNext("0xabc"));
    }
}

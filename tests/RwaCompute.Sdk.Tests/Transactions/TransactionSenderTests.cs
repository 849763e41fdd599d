using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.Model;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Tests.Errors;
using RwaCompute.Sdk.Tests.Fakes;
using RwaCompute.Sdk.Transactions;
using Xunit;
using EscrowContract = RwaCompute.Sdk.Contracts.ComputeEscrow;
using MarketContract = RwaCompute.Sdk.Contracts.ComputeMarket;
using TokenContract = RwaCompute.Sdk.Contracts.ComputeCapacityToken;

namespace RwaCompute.Sdk.Tests.Transactions;

public sealed class TransactionSenderTests
{
    private const long ChainId = 31_337;
    private const string Token = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static readonly BigInteger Gwei = 1_000_000_000;

    private static readonly TransactionCall Call = new(Token, "0xabcdef01", BigInteger.Zero, "token.test()");

    private static TransactionOptions Options => new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(2),
        MaxPollInterval = TimeSpan.FromMilliseconds(10),
        ReceiptTimeout = TimeSpan.FromSeconds(5),
        FeeQuoteLifetime = TimeSpan.FromMinutes(1),
        GasLimitPercent = 120,
        BaseFeeMultiplier = 2,
        NonceRetries = 3,
    };

    /// <summary>A healthy node: estimate 100,000 gas, base fee 10 gwei, tip 2 gwei, pending nonce 7; accepts anything.</summary>
    private static FakeRpcClient HealthyNode() => new FakeRpcClient()
        .Returns("eth_estimateGas", Rpc.Hex(100_000))
        .Returns("eth_getBlockByNumber", Rpc.Block(50, Rpc.BlockHash(50), 10 * Gwei))
        .Returns("eth_maxPriorityFeePerGas", Rpc.Hex(2 * Gwei))
        .Returns("eth_getTransactionCount", Rpc.Hex(7))
        .On("eth_sendRawTransaction", p => HashOf((string)p[0]!));

    private static string HashOf(string signed) => Sha3Keccack.Current.CalculateHash(signed.HexToByteArray()).ToHex(true);

    private static (TransactionSender Sender, NonceManager Nonces) Create(FakeRpcClient node, TransactionOptions? options = null)
    {
        options ??= Options;
        var rpc = Rpc.Over(node);
        var nonces = new NonceManager((address, ct) => rpc.PendingNonceAsync(address, ct));
        var sender = new TransactionSender(rpc, Rpc.Signer, ChainId, nonces, new FeeEstimator(rpc, options), new ReceiptWaiter(rpc, options), options, SuiteErrorDecoder.Instance);
        return (sender, nonces);
    }

    private static Transaction1559 Decode(string signed) =>
        Assert.IsType<Transaction1559>(TransactionFactory.CreateTransaction(signed));

    [Fact]
    public async Task Send_Accepted_SignsTheLeasedNonceChainIdFeesAndGasHeadroom()
    {
        var node = HealthyNode();
        var (sender, nonces) = Create(node);

        var sent = await sender.SendAsync(Call);

        var raw = (string)Assert.Single(node.CallsOf("eth_sendRawTransaction")).Parameters[0]!;
        var tx = Decode(raw);
        Assert.Equal(new BigInteger(ChainId), tx.ChainId);
        Assert.Equal(new BigInteger(7), tx.Nonce);
        Assert.Equal(new BigInteger(120_000), tx.GasLimit);
        Assert.Equal(22 * Gwei, tx.MaxFeePerGas);
        Assert.Equal(2 * Gwei, tx.MaxPriorityFeePerGas);
        Assert.Equal(Token.ToLowerInvariant(), tx.ReceiverAddress.ToLowerInvariant());
        Assert.Equal("0xabcdef01", tx.Data.EnsureHexPrefix());

        Assert.Equal(raw, sent.SignedTransaction);
        Assert.Equal(HashOf(raw), sent.Hash);
        Assert.Equal(new BigInteger(7), sent.Nonce);
        Assert.Equal(new BigInteger(120_000), sent.GasLimit);
        Assert.Equal(Rpc.Signer.Address, sent.From);
        Assert.Equal(new BigInteger(8), nonces.PeekNext(Rpc.Signer.Address));
    }

    [Fact]
    public async Task Send_Estimate_SimulatesFromTheSigner()
    {
        var node = HealthyNode();
        await Create(node).Sender.SendAsync(Call);
        var input = Assert.IsType<CallInput>(Assert.Single(node.CallsOf("eth_estimateGas")).Parameters[0]);
        Assert.Equal(Rpc.Signer.Address, input.From);
        Assert.Equal(Token, input.To);
        Assert.Equal("0xabcdef01", input.Data);
    }

    [Fact]
    public async Task Send_FixedGasLimit_SkipsTheEstimate()
    {
        var node = HealthyNode();
        var sent = await Create(node).Sender.SendAsync(Call with { GasLimit = 55_000 });
        Assert.Equal(0, node.CountOf("eth_estimateGas"));
        Assert.Equal(new BigInteger(55_000), sent.GasLimit);
    }

    [Fact]
    public async Task Send_EstimateReverts_ThrowsTheTypedErrorAndSendsNothing()
    {
        var node = HealthyNode().On("eth_estimateGas", _ => throw Rpc.Revert(SuiteErrorDecoderTests.TokenLotExpired));
        var (sender, nonces) = Create(node);

        var ex = await Assert.ThrowsAsync<TokenContract.ComputeTokenLotExpiredException>(() => sender.SendAsync(Call));

        Assert.Equal(new BigInteger(5), ex.Error.LotId);
        Assert.Equal(0, node.CountOf("eth_sendRawTransaction"));
        Assert.Equal(0, node.CountOf("eth_getTransactionCount"));
        Assert.Null(nonces.PeekNext(Rpc.Signer.Address));
    }

    [Fact]
    public async Task Send_CallWithItsOwnDecoder_TypesTheRevertWithIt()
    {
        var node = HealthyNode().On("eth_estimateGas", _ => throw Rpc.Revert(SuiteErrorDecoderTests.TokenUnknownLot));
        var call = Call with { ErrorDecoder = SuiteErrorDecoder.ForToken };
        await Assert.ThrowsAsync<TokenContract.ComputeTokenUnknownLotException>(() => Create(node).Sender.SendAsync(call));
    }

    [Fact]
    public async Task Send_EstimateRevertsWithoutData_ThrowsUnknownRevertAndSendsNothing()
    {
        var node = HealthyNode().On("eth_estimateGas", _ => throw Rpc.Error("execution reverted", code: 3));
        await Assert.ThrowsAsync<ContractUnknownRevertException>(() => Create(node).Sender.SendAsync(Call));
        Assert.Equal(0, node.CountOf("eth_sendRawTransaction"));
    }

    [Fact]
    public async Task Send_NonceTooLow_InvalidatesAndRetriesWithAFreshNonce()
    {
        var node = HealthyNode()
            .Sequence("eth_getTransactionCount", Rpc.Hex(7), Rpc.Hex(9))
            .Sequence("eth_sendRawTransaction", Rpc.Error("nonce too low: next nonce 9, tx nonce 7"), "0xaccepted");
        var (sender, nonces) = Create(node);

        var sent = await sender.SendAsync(Call);

        Assert.Equal(new BigInteger(9), sent.Nonce);
        Assert.Equal(2, node.CountOf("eth_getTransactionCount"));
        var nonceSent = node.CallsOf("eth_sendRawTransaction").Select(c => Decode((string)c.Parameters[0]!).Nonce).ToArray();
        Assert.Equal([new BigInteger(7), new BigInteger(9)], nonceSent);
        Assert.Equal(new BigInteger(10), nonces.PeekNext(Rpc.Signer.Address));
    }

    [Fact]
    public async Task Send_NonceRejectedOnEveryAttempt_GivesUpAfterTheConfiguredRetries()
    {
        var node = HealthyNode().On("eth_sendRawTransaction", _ => throw Rpc.Error("nonce too low"));
        var (sender, _) = Create(node, Options with { NonceRetries = 2 });

        var ex = await Assert.ThrowsAsync<RpcResponseException>(() => sender.SendAsync(Call));

        Assert.Contains("nonce too low", ex.RpcError.Message, StringComparison.Ordinal);
        Assert.Equal(3, node.CountOf("eth_sendRawTransaction"));
    }

    [Theory]
    [InlineData("already known")]
    [InlineData("known transaction: 0x1234")]
    [InlineData("Transaction already imported")]
    public async Task Send_NodeAlreadyHasIt_IsSuccessAndTheNonceIsUsed(string message)
    {
        var node = HealthyNode().On("eth_sendRawTransaction", _ => throw Rpc.Error(message));
        var (sender, nonces) = Create(node);

        var sent = await sender.SendAsync(Call);

        Assert.Equal(new BigInteger(7), sent.Nonce);
        Assert.Equal(1, node.CountOf("eth_sendRawTransaction"));
        Assert.Equal(new BigInteger(8), nonces.PeekNext(Rpc.Signer.Address));
    }

    [Fact]
    public async Task R1_RpcDownDuringBroadcast_ThrowsPossiblySentWithHashNonceAndBytes()
    {
        var node = HealthyNode().On("eth_sendRawTransaction", _ => throw new HttpRequestException("connection reset"));
        var (sender, nonces) = Create(node);

        var ex = await Assert.ThrowsAsync<TransactionPossiblySentException>(() => sender.SendAsync(Call));

        var raw = (string)Assert.Single(node.CallsOf("eth_sendRawTransaction")).Parameters[0]!;
        Assert.Equal(PossiblySentReason.BroadcastFailed, ex.Reason);
        Assert.Equal(HashOf(raw), ex.TransactionHash);
        Assert.Equal(raw, ex.SignedTransaction);
        Assert.Equal(new BigInteger(7), ex.Nonce);
        Assert.Equal("eth_sendRawTransaction", Assert.IsType<RpcUnavailableException>(ex.InnerException).Operation);
        Assert.Null(nonces.PeekNext(Rpc.Signer.Address));
    }

    [Fact]
    public async Task Send_FeeBelowBaseFee_RefreshesTheQuoteAndRetries()
    {
        var node = HealthyNode()
            .Sequence("eth_getBlockByNumber", Rpc.Block(50, Rpc.BlockHash(50), 10 * Gwei), Rpc.Block(51, Rpc.BlockHash(51), 40 * Gwei))
            .Sequence("eth_sendRawTransaction", Rpc.Error("max fee per gas less than block base fee"), "0xaccepted");
        var (sender, _) = Create(node);

        var sent = await sender.SendAsync(Call);

        Assert.Equal(2, node.CountOf("eth_getBlockByNumber"));
        Assert.Equal(82 * Gwei * 125 / 100, Decode(sent.SignedTransaction).MaxFeePerGas); // re-quoted, then bid 25 % higher
        Assert.Equal(new BigInteger(7), sent.Nonce); // the released nonce is reused: no gap
    }

    [Fact]
    public async Task Send_BroadcastRejectedWithRevertData_ThrowsTheTypedError()
    {
        var node = HealthyNode().On("eth_sendRawTransaction", _ => throw Rpc.Revert(SuiteErrorDecoderTests.MarketOfferCancelled));
        var (sender, nonces) = Create(node);
        await Assert.ThrowsAsync<MarketContract.MarketOfferCancelledException>(() => sender.SendAsync(Call));
        Assert.Equal(new BigInteger(7), nonces.PeekNext(Rpc.Signer.Address)); // nothing was sent: the nonce is back
    }

    [Fact]
    public async Task Send_ConcurrentSends_UseDistinctConsecutiveNonces()
    {
        var node = HealthyNode();
        var (sender, _) = Create(node);

        var sent = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => sender.SendAsync(Call))));

        Assert.Equal(Enumerable.Range(7, 100).Select(i => new BigInteger(i)), sent.Select(s => s.Nonce).Order());
        Assert.Equal(1, node.CountOf("eth_getTransactionCount"));
        Assert.Equal(100, sent.Select(s => s.Hash).Distinct().Count());
    }

    [Fact]
    public async Task SendAndWait_MinedSuccessfully_ReturnsTheReceipt()
    {
        var node = HealthyNode().On("eth_getTransactionReceipt", p => Rpc.Receipt((string)p[0]!, 60, Rpc.BlockHash(60)));
        var receipt = await Create(node).Sender.SendAndWaitAsync(Call);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(0, node.CountOf("eth_call"));
    }

    [Fact]
    public async Task SendAndWait_MinedWithStatusZero_ReplaysTheCallAndThrowsTheTypedError()
    {
        var node = HealthyNode()
            .On("eth_getTransactionReceipt", p => Rpc.Receipt((string)p[0]!, 60, Rpc.BlockHash(60), status: 0))
            .On("eth_call", _ => throw Rpc.Revert(SuiteErrorDecoderTests.MarketOfferCancelled));

        var ex = await Assert.ThrowsAsync<MarketContract.MarketOfferCancelledException>(() => Create(node).Sender.SendAndWaitAsync(Call));

        Assert.Equal(new BigInteger(7), ex.Error.OfferId);
        var replay = Assert.Single(node.CallsOf("eth_call"));
        var input = Assert.IsType<CallInput>(replay.Parameters[0]);
        Assert.Equal(Rpc.Signer.Address, input.From);
        Assert.Equal("0xabcdef01", input.Data);
        Assert.Equal(new BigInteger(120_000), input.Gas.Value);
        Assert.Equal("0x3b", replay.Parameters[1]?.ToString()); // the state before block 60
    }

    [Fact]
    public async Task SendAndWait_MinedRevertedButTheReplayPasses_ThrowsTransactionReverted()
    {
        var node = HealthyNode()
            .On("eth_getTransactionReceipt", p => Rpc.Receipt((string)p[0]!, 60, Rpc.BlockHash(60), status: 0))
            .Returns("eth_call", "0x");

        var ex = await Assert.ThrowsAsync<TransactionRevertedException>(() => Create(node).Sender.SendAndWaitAsync(Call));
        Assert.Equal(60, ex.BlockNumber);
    }

    /// <summary>SDK BUG (fails until fixed): a cancellation that lands while eth_sendRawTransaction is in flight releases
    /// the lease (OperationCanceledException is neither a nonce rejection nor RpcUnavailableException), although the
    /// node may have accepted the transaction. The next send reuses the nonce: it replaces the first transaction (if
    /// fees rose) or burns its retries on "replacement transaction underpriced".</summary>
    [Fact]
    public async Task Send_CancelledWhileBroadcasting_DoesNotHandTheNonceOutAgain()
    {
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The node did receive it: its pending count moves on to 8.
        var node = HealthyNode().Sequence("eth_getTransactionCount", Rpc.Hex(7), Rpc.Hex(8)).OnAsync("eth_sendRawTransaction", async p =>
        {
            inFlight.TrySetResult();
            await Task.Delay(Timeout.Infinite);
            return null;
        });
        var (sender, nonces) = Create(node);
        using var cts = new CancellationTokenSource();

        var send = sender.SendAsync(Call, cts.Token);
        await inFlight.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<TransactionPossiblySentException>(() => send);
        Assert.Equal(PossiblySentReason.Cancelled, ex.Reason);
        Assert.IsType<OperationCanceledException>(ex.InnerException, exactMatch: false);

        node.On("eth_sendRawTransaction", p => HashOf((string)p[0]!));
        var next = await sender.SendAsync(Call);
        Assert.NotEqual(new BigInteger(7), next.Nonce);
    }
}

using System.Globalization;
using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Benchmarks;

/// <summary>
/// issue-sequential: <see cref="TransactionSender.SendAndWaitAsync"/> per transaction, one after another.
/// issue-pipelined: every <see cref="TransactionSender.SendAsync"/> first (nonces from the <see cref="NonceManager"/>,
/// gas estimated per call), then all receipts with <see cref="TransactionSender.WaitAsync"/> concurrently.
/// </summary>
internal static class IssueScenario
{
    /// <summary>The pipelined send strategy run.sh measures (see benchmarks/README.md for the alternatives' figures).</summary>
    public const string DefaultStrategy = "all";

    public static async Task<Dictionary<string, object>?> RunAsync(Options options, Fixture fixture)
    {
        var pipelined = options.Scenario == "issue-pipelined";
        var txs = options.Txs ?? fixture.Txs;
        var (rpc, trace) = Chain.Connect(options);
        var transactionOptions = new TransactionOptions
        {
            InitialPollInterval = TimeSpan.FromMilliseconds(fixture.ReceiptPollingMs),
            PollBackoffFactor = options.PollBackoff ?? new TransactionOptions().PollBackoffFactor,
        };
        transactionOptions.Validate();
        var signer = RwaSigner.FromPrivateKey(fixture.IssuerPrivateKey);
        if (!string.Equals(signer.Address, fixture.IssuerAddress, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"fixture issuer key is not {fixture.IssuerAddress}");
        }

        var nonces = new NonceManager((a, ct) => rpc.PendingNonceAsync(a, ct));
        var sender = new TransactionSender(
            rpc, signer, fixture.ChainId, nonces, new FeeEstimator(rpc, transactionOptions),
            new ReceiptWaiter(rpc, transactionOptions, options.Log ? StderrLogger.Instance : null),
            transactionOptions, SuiteErrorDecoder.Instance, options.Log ? StderrLogger.Instance : null);
        var call = TransactionCall.For(
            fixture.Token,
            new IssueFunction { LotId = fixture.LotId, To = fixture.HolderAddress, Units = fixture.Units },
            "issue");

        // Warm-up, read-only (nothing sent; the timed sender's nonce and fee caches stay cold): connection, ABI
        // encoding, eth_call / eth_estimateGas of the same call, a fee quote on a throwaway estimator, signing, and
        // the receipt JSON path (the latest block's first transaction).
        var input = new CallInput(call.Data, call.To) { From = signer.Address };
        await rpc.CallAsync(input, null, default);
        var gas = await rpc.EstimateGasAsync(input, default);
        var quote = await new FeeEstimator(rpc, transactionOptions).QuoteAsync();
        _ = signer.SignTransaction(new Eip1559TransactionRequest(
            fixture.ChainId, 0, quote.MaxPriorityFeePerGas, quote.MaxFeePerGas, gas, call.To, BigInteger.Zero, call.Data));
        var head = await rpc.GetBlockAsync(BlockParameter.CreateLatest(), default);
        if (head?.TransactionHashes is [var someHash, ..])
        {
            _ = await rpc.GetReceiptAsync(someHash, default);
        }

        var balanceBefore = await BalanceAsync(rpc, fixture);
        trace?.Reset();

        TransactionReceipt[] receipts;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!pipelined)
        {
            receipts = new TransactionReceipt[txs];
            for (var i = 0; i < txs; i++)
            {
                receipts[i] = await sender.SendAndWaitAsync(call);
            }
        }
        else
        {
            var sent = await SendAllAsync(sender, call, txs, options.Strategy);
            receipts = await Task.WhenAll(sent.Select(s => sender.WaitAsync(s)));
        }

        var seconds = Measure.Seconds(start);
        var rpcCalls = trace?.Snapshot();

        // Verification, outside the timed section.
        var failed = receipts.Count(r => r.Status?.Value != BigInteger.One);
        var minted = await BalanceAsync(rpc, fixture) - balanceBefore;
        var distinctNonces = pipelined ? receipts.Select(r => r.TransactionHash).Distinct(StringComparer.OrdinalIgnoreCase).Count() : txs;
        if (failed > 0 || minted != txs * fixture.Units || distinctNonces != txs)
        {
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"verification failed: {failed} reverted, {minted} units minted (expected {txs * fixture.Units}), {distinctNonces} distinct transactions"));
            return null;
        }

        var result = new Dictionary<string, object>
        {
            ["scenario"] = options.Scenario,
            ["txs"] = txs,
            ["seconds"] = Measure.Round(seconds),
            ["txPerSecond"] = Measure.Round(txs / seconds, 1),
            ["pollingMs"] = fixture.ReceiptPollingMs,
        };
        if (pipelined)
        {
            result["strategy"] = options.Strategy;
        }

        if (options.PollBackoff is { } backoff)
        {
            result["pollBackoff"] = backoff;
        }

        if (rpcCalls is not null)
        {
            result["rpcCalls"] = rpcCalls;
        }

        return result;
    }

    /// <summary>Sends <paramref name="txs"/> copies of the call; returns them in send order.</summary>
    /// <remarks>all: every SendAsync started at once, Task.WhenAll. ordered: one SendAsync after another, each awaited
    /// for its hash (what the viem side does). dop:N: at most N SendAsync in flight.</remarks>
    private static async Task<SentTransaction[]> SendAllAsync(TransactionSender sender, TransactionCall call, int txs, string strategy)
    {
        if (strategy == "all")
        {
            return await Task.WhenAll(Enumerable.Range(0, txs).Select(_ => sender.SendAsync(call)));
        }

        if (strategy == "ordered")
        {
            var sent = new SentTransaction[txs];
            for (var i = 0; i < txs; i++)
            {
                sent[i] = await sender.SendAsync(call);
            }

            return sent;
        }

        if (strategy.StartsWith("dop:", StringComparison.Ordinal) && int.TryParse(strategy.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var dop) && dop > 0)
        {
            var sent = new SentTransaction[txs];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, txs),
                new ParallelOptions { MaxDegreeOfParallelism = dop },
                async (i, ct) => sent[i] = await sender.SendAsync(call, ct));
            return sent;
        }

        throw new ArgumentException($"unknown --strategy {strategy} (all, ordered, dop:N)");
    }

    private static async Task<BigInteger> BalanceAsync(ChainRpc rpc, Fixture fixture)
    {
        var data = new BalanceOfFunction { Account = fixture.HolderAddress, Id = fixture.LotId }.GetCallData().ToHex(true);
        var hex = await rpc.CallAsync(new CallInput(data, fixture.Token), null, default);
        return hex.HexToBigInteger(false);
    }
}

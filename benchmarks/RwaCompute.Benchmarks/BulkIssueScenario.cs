using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Benchmarks;

/// <summary>
/// issue-bulk: the same N × issue(lotId, holder, 1) as the other issue scenarios, through
/// <see cref="TransactionSender.SendBatchAsync"/> (one simulation per call shape, one fee quote, a nonce range, parallel
/// local signing, JSON-RPC batches of --chunk transactions, receipts followed block by block). Timed from the call to
/// the last receipt; the SDK's own stage timings (simulate / sign + broadcast / receipts) are reported beside.
/// </summary>
internal static class BulkIssueScenario
{
    public const int DefaultChunk = 100;

    public static async Task<Dictionary<string, object>?> RunAsync(Options options, Fixture fixture)
    {
        var txs = options.Txs ?? fixture.Txs;
        var chunk = options.Chunk ?? DefaultChunk;
        var (rpc, trace) = Chain.Connect(options);
        var transactionOptions = new TransactionOptions { InitialPollInterval = TimeSpan.FromMilliseconds(fixture.ReceiptPollingMs) };
        transactionOptions.Validate();
        var signer = RwaSigner.FromPrivateKey(fixture.IssuerPrivateKey);
        if (!string.Equals(signer.Address, fixture.IssuerAddress, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"fixture issuer key is not {fixture.IssuerAddress}");
        }

        var stages = new StageLogger(options.Log ? StderrLogger.Instance : null);
        var nonces = new NonceManager((a, ct) => rpc.PendingNonceAsync(a, ct));
        var sender = new TransactionSender(
            rpc, signer, fixture.ChainId, nonces, new FeeEstimator(rpc, transactionOptions),
            new ReceiptWaiter(rpc, transactionOptions, stages, nonces), transactionOptions, SuiteErrorDecoder.Instance, stages);
        var call = TransactionCall.For(
            fixture.Token,
            new IssueFunction { LotId = fixture.LotId, To = fixture.HolderAddress, Units = fixture.Units },
            "issue");
        var calls = Enumerable.Repeat(call, txs).ToList();
        var batchOptions = new BatchOptions { ChunkSize = chunk };

        // Warm-up, read-only (nothing sent; the timed sender's caches stay cold): the same as the other issue
        // scenarios, plus one JSON-RPC batch through the gateway (the batch code path) and one block-receipts read.
        var input = new CallInput(call.Data, call.To) { From = signer.Address };
        await rpc.CallAsync(input, null, default);
        var gas = await rpc.EstimateGasAsync(input, default);
        var quote = await new FeeEstimator(rpc, transactionOptions).QuoteAsync();
        _ = signer.SignTransaction(new Eip1559TransactionRequest(
            fixture.ChainId, 0, quote.MaxPriorityFeePerGas, quote.MaxFeePerGas, gas, call.To, BigInteger.Zero, call.Data));
        var head = await rpc.BlockNumberAsync(default);
        await rpc.SendAsync<object>("eth_getBlockReceipts", default, new Nethereum.Hex.HexTypes.HexBigInteger(head).HexValue);
        var balanceBefore = await BalanceAsync(rpc, fixture);
        var nonceBefore = await rpc.PendingNonceAsync(signer.Address, default);
        trace?.Reset();

        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var results = await sender.SendBatchAsync(calls, batchOptions);
        var seconds = Measure.Seconds(start);
        var rpcCalls = trace?.Snapshot();

        // Verification, outside the timed section: every call mined with status 1, one transfer event each,
        // nonces consecutive from the account's count before, the holder's balance grew by N units.
        var failed = results.Count(r => !r.Succeeded || r.Receipt?.Status?.Value != BigInteger.One);
        var transferEvents = results.Sum(r => r.Receipt?.DecodeAllEvents<TransferSingleEventDTO>().Count ?? 0);
        var consecutive = results.Select(r => r.Transaction?.Nonce ?? BigInteger.MinusOne).Order()
            .SequenceEqual(Enumerable.Range(0, txs).Select(i => nonceBefore + i));
        var minted = await BalanceAsync(rpc, fixture) - balanceBefore;
        if (failed > 0 || minted != txs * fixture.Units || transferEvents != txs || !consecutive)
        {
            var first = results.FirstOrDefault(r => !r.Succeeded);
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"verification failed: {failed} not mined, {minted} units minted (expected {txs * fixture.Units}), {transferEvents} TransferSingle events, consecutive nonces {consecutive}; first failure: {first?.Outcome} {first?.Error?.Message}"));
            return null;
        }

        var result = new Dictionary<string, object>
        {
            ["scenario"] = options.Scenario,
            ["txs"] = txs,
            ["seconds"] = Measure.Round(seconds),
            ["txPerSecond"] = Measure.Round(txs / seconds, 1),
            ["pollingMs"] = fixture.ReceiptPollingMs,
            ["chunk"] = chunk,
            ["stagesMs"] = stages.Stages,
        };
        if (rpcCalls is not null)
        {
            result["rpcCalls"] = rpcCalls;
        }

        return result;
    }

    private static async Task<BigInteger> BalanceAsync(ChainRpc rpc, Fixture fixture)
    {
        var data = new BalanceOfFunction { Account = fixture.HolderAddress, Id = fixture.LotId }.GetCallData().ToHex(true);
        var hex = await rpc.CallAsync(new CallInput(data, fixture.Token), null, default);
        return hex.HexToBigInteger(false);
    }

    /// <summary>Keeps the SDK's batch stage timings (its Debug "Batch of ..." line, structured); forwards the rest.</summary>
    private sealed class StageLogger(ILogger? inner) : ILogger
    {
        public Dictionary<string, object> Stages { get; } = new(StringComparer.Ordinal);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields && fields.Any(f => f.Key == "SimulateMs"))
            {
                foreach (var (key, value) in fields)
                {
                    if (key.EndsWith("Ms", StringComparison.Ordinal) && value is not null)
                    {
                        Stages[key[..^2].ToLowerInvariant()] = value;
                    }
                }

                return;
            }

            if (inner?.IsEnabled(logLevel) == true)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}

using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Transactions;

/// <summary>The bulk path of the pipeline (<see cref="SendBatchAsync"/>).</summary>
public sealed partial class TransactionSender
{
    /// <summary>
    /// Sends many calls from this account as fast as the node takes them: simulates once per distinct call shape
    /// (contract + function; see <see cref="BatchOptions.Simulation"/>), takes one fee quote, leases a contiguous nonce
    /// range, signs locally in parallel, records every signed transaction in the <see cref="TransactionOptions.Journal"/>
    /// before its broadcast, broadcasts in nonce order as JSON-RPC batches of <see cref="BatchOptions.ChunkSize"/>, and
    /// awaits every receipt by following the chain block by block (<c>eth_getBlockReceipts</c>).
    /// </summary>
    /// <remarks>
    /// <para>A call the node refuses inside a batch gets the same typed error a single <see cref="SendAsync"/> throws.
    /// Refusals are repaired like single sends: "already known" counts as accepted; "underpriced" re-signs the same
    /// nonce with a higher fee; "nonce too low" (the account was used elsewhere) re-signs the call with a fresh nonce
    /// after the batch (so it lands after the others), up to <see cref="TransactionOptions.NonceRetries"/> times. Any
    /// other refusal fails the call, and its nonce — which the later transactions of the batch wait on — is filled with
    /// a zero-value transfer to the sender itself (21,000 gas), so nothing stalls behind it.</para>
    /// <para>Exactly once: with a journal, a re-run of the same batch first resolves the calls' earlier attempts (mined:
    /// reported; pending: awaited; lost: the same bytes re-broadcast) and sends only the rest. A broadcast whose outcome
    /// is unknown (connection cut) makes that chunk's calls <see cref="BatchItemOutcome.PossiblySent"/> unless their
    /// receipts then appear; later chunks are not sent (<see cref="BatchItemOutcome.NotSent"/>).</para>
    /// <example>
    /// <code>
    /// var calls = holders.Select(h => client.Token.IssueCall(lotId, h.Address, h.Units)).ToList();
    /// var results = await client.Transactions.SendBatchAsync(calls, new BatchOptions { ChunkSize = 200 }, ct);
    /// results.EnsureAllMined();   // or inspect results[i].Outcome / .Error per call
    /// </code>
    /// </example>
    /// </remarks>
    /// <param name="calls">The calls, sent in this order (nonce order).</param>
    /// <param name="batchOptions">Chunking, simulation and signing parallelism (defaults when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels. Before the first broadcast: <see cref="OperationCanceledException"/>,
    /// nothing sent. After it: <see cref="BatchSendException"/> listing what may be on its way.</param>
    /// <returns>One result per call, in call order: receipt, or the typed failure.</returns>
    /// <exception cref="InputValidationException">The batch is empty or holds a <see langword="null"/> call.</exception>
    /// <exception cref="RpcUnavailableException">The node did not answer before anything was signed.</exception>
    /// <exception cref="BatchSendException">Cancelled after transactions were broadcast.</exception>
    public async Task<BatchResult> SendBatchAsync(IReadOnlyList<TransactionCall> calls, BatchOptions? batchOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Count == 0)
        {
            throw new InputValidationException(nameof(calls), "the batch is empty");
        }

        for (var i = 0; i < calls.Count; i++)
        {
            if (calls[i] is null)
            {
                throw new InputValidationException($"{nameof(calls)}[{i}]", "is null");
            }
        }

        batchOptions ??= new BatchOptions();
        batchOptions.Validate();
        var run = new BatchRun(calls);

        // The fee quote and the head do not depend on the simulation: ask for them meanwhile.
        var quoting = fees.QuoteAsync(cancellationToken);
        var heading = rpc.BlockNumberAsync(cancellationToken);

        // 1. Earlier attempts of the same calls (a re-run after an ambiguous failure).
        if (options.Journal is { } journal)
        {
            for (var i = 0; i < calls.Count; i++)
            {
                if (await journal.FindAsync(ChainId, From, calls[i], cancellationToken).ConfigureAwait(false) is not { } previous)
                {
                    continue;
                }

                try
                {
                    if (await ResumeAsync(previous, calls[i], journal, cancellationToken).ConfigureAwait(false) is { } resumed)
                    {
                        run.Resumed.Add((i, resumed));
                    }
                }
                catch (TransactionPossiblySentException ex)
                {
                    run.Set(i, BatchItemOutcome.PossiblySent, null, null, ex);
                }
            }
        }

        // 2. Simulation: once per shape, or per call.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        BigInteger[] gas;
        try
        {
            gas = await SimulateAsync(run, batchOptions, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The simulation's failure is the one to report; the side requests are only observed.
            await Task.WhenAll(quoting, heading).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        var quote = await quoting.ConfigureAwait(false);
        var afterBlock = await heading.ConfigureAwait(false);

        // 3. Sign and broadcast, in nonce order (the head above was read before anything of this batch was sent).
        var toSend = Enumerable.Range(0, calls.Count).Where(i => run.Results[i] is null && !run.Resumed.Exists(r => r.Index == i)).ToList();
        var simulated = System.Diagnostics.Stopwatch.GetTimestamp();
        Exception? stopped = null;

        // Receipts are collected while later chunks are still being broadcast.
        var poller = new BatchReceiptPoller(rpc, options, waiter, logger, From);
        using var pollingCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polling = toSend.Count > 0 ? poller.WaitAsync(afterBlock, pollingCancellation.Token) : null;
        try
        {
            if (toSend.Count > 0)
            {
                stopped = await BroadcastAsync(run, toSend, gas, quote, batchOptions, poller, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await StopPollingAsync(polling, pollingCancellation).ConfigureAwait(false);
            throw;
        }
        finally
        {
            poller.Complete();
        }

        if (stopped is OperationCanceledException cancelled)
        {
            await StopPollingAsync(polling, pollingCancellation).ConfigureAwait(false);
            if (run.Accepted.Count == 0 && run.Ambiguous.Count == 0 && run.Resumed.Count == 0)
            {
                throw cancelled;
            }

            throw new BatchSendException(run.PossiblySentOnCancel(cancelled), cancelled);
        }

        // 4. Receipts.
        var broadcast = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await AwaitReceiptsAsync(run, polling, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new BatchSendException(run.PossiblySentOnCancel(ex), ex);
        }

        var result = run.ToResult();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var simulateMs = Milliseconds(started, simulated);
            var broadcastMs = Milliseconds(simulated, broadcast);
            var receiptsMs = Milliseconds(broadcast, System.Diagnostics.Stopwatch.GetTimestamp());
            LogBatch(logger, calls.Count, From, result.MinedCount, simulateMs, broadcastMs, receiptsMs);
        }

        return result;
    }

    private static long Milliseconds(long from, long to) => (long)System.Diagnostics.Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>Estimates gas: per shape (a sample of each, the rest reuse the largest with head-room) or per call.
    /// Calls whose simulation reverts get their typed error in <paramref name="run"/>.</summary>
    private async Task<BigInteger[]> SimulateAsync(BatchRun run, BatchOptions batchOptions, CancellationToken cancellationToken)
    {
        var calls = run.Calls;
        var gas = new BigInteger[calls.Count];
        var open = Enumerable.Range(0, calls.Count).Where(i => run.Results[i] is null && !run.Resumed.Exists(r => r.Index == i)).ToList();
        var toEstimate = new List<int>();
        foreach (var i in open)
        {
            if (calls[i].GasLimit is { } fixedLimit)
            {
                gas[i] = fixedLimit;
            }
            else
            {
                toEstimate.Add(i);
            }
        }

        if (batchOptions.Simulation == BatchSimulation.EveryCall)
        {
            await EstimateEachAsync(run, toEstimate, gas, batchOptions, cancellationToken).ConfigureAwait(false);
            return gas;
        }

        var shapes = toEstimate.GroupBy(i => ShapeOf(calls[i])).Select(g => g.ToList()).ToList();
        var samples = shapes.SelectMany(Sample).ToList();
        var estimates = await EstimateManyAsync(calls, samples, batchOptions.ChunkSize, cancellationToken).ConfigureAwait(false);
        foreach (var members in shapes)
        {
            var sampled = Sample(members).ToList();
            var failed = sampled.Where(i => estimates[i].Error is not null).ToList();
            foreach (var i in failed)
            {
                run.Set(i, BatchItemOutcome.Failed, null, null, estimates[i].Error);
            }

            foreach (var i in sampled.Where(i => estimates[i].Error is null))
            {
                gas[i] = estimates[i].Gas * options.GasLimitPercent / 100;
            }

            var rest = members.Except(sampled).ToList();
            if (failed.Count > 0)
            {
                // One sample reverted: the shape's calls differ in what matters; simulate each on its own.
                await EstimateEachAsync(run, rest, gas, batchOptions, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var shared = sampled.Max(i => estimates[i].Gas) * batchOptions.SharedEstimateGasPercent / 100;
            foreach (var i in rest)
            {
                gas[i] = shared;
            }
        }

        return gas;

        IEnumerable<int> Sample(List<int> members)
        {
            var k = Math.Min(batchOptions.EstimatesPerShape, members.Count);
            return k == 1 ? [members[0]] : Enumerable.Range(0, k).Select(j => members[(int)((long)j * (members.Count - 1) / (k - 1))]).Distinct();
        }
    }

    private async Task EstimateEachAsync(BatchRun run, List<int> indices, BigInteger[] gas, BatchOptions batchOptions, CancellationToken cancellationToken)
    {
        var estimates = await EstimateManyAsync(run.Calls, indices, batchOptions.ChunkSize, cancellationToken).ConfigureAwait(false);
        foreach (var i in indices)
        {
            if (estimates[i].Error is { } error)
            {
                run.Set(i, BatchItemOutcome.Failed, null, null, error);
            }
            else
            {
                gas[i] = estimates[i].Gas * options.GasLimitPercent / 100;
            }
        }
    }

    /// <summary><c>eth_estimateGas</c> for some calls, in JSON-RPC batches; a revert becomes the call's typed error.</summary>
    private async Task<Dictionary<int, (BigInteger Gas, Exception? Error)>> EstimateManyAsync(IReadOnlyList<TransactionCall> calls, List<int> indices, int chunkSize, CancellationToken cancellationToken)
    {
        var estimates = new Dictionary<int, (BigInteger, Exception?)>();
        foreach (var chunk in indices.Chunk(chunkSize))
        {
            var requests = chunk.Select(i => new RpcBatchRequest("eth_estimateGas", new CallInput(calls[i].Data, calls[i].To, new HexBigInteger(calls[i].Value)) { From = From })).ToList();
            var answers = await rpc.SendBatchAsync(requests, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < chunk.Length; j++)
            {
                var i = chunk[j];
                estimates[i] = answers[j].Error is { } error
                    ? (BigInteger.Zero, EstimateError(calls[i], error))
                    : (answers[j].As<HexBigInteger>()?.Value ?? BigInteger.Zero, null);
            }
        }

        return estimates;
    }

    private Exception EstimateError(TransactionCall call, RpcResponseException error)
    {
        if (DecoderFor(call).TryTranslate(error, out var revert))
        {
            return revert;
        }

        return error.RpcError?.Message?.Contains("revert", StringComparison.OrdinalIgnoreCase) == true
            ? DecoderFor(call).Decode((string?)null, error)
            : error;
    }

    private static string ShapeOf(TransactionCall call) =>
        call.To.ToLowerInvariant() + (call.Data.Length >= 10 ? call.Data[..10].ToLowerInvariant() : call.Data.ToLowerInvariant());

    /// <summary>Leases the nonces, signs chunk by chunk (the next chunk while the previous one is on the wire), journals
    /// and broadcasts each chunk as one JSON-RPC batch, and repairs refusals. Returns what stopped it early, if
    /// anything (a cancellation, an ambiguous broadcast, a signer failure).</summary>
    private static async Task StopPollingAsync(Task? polling, CancellationTokenSource pollingCancellation)
    {
        if (polling is null)
        {
            return;
        }

        await pollingCancellation.CancelAsync().ConfigureAwait(false);
        try
        {
            await polling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
    }

    private async Task<Exception?> BroadcastAsync(BatchRun run, List<int> toSend, BigInteger[] gas, FeeQuote quote, BatchOptions batchOptions, BatchReceiptPoller poller, CancellationToken cancellationToken)
    {
        var pending = toSend;
        Exception? stopped = null;
        using (var section = await nonces.EnterSendAsync(From, cancellationToken).ConfigureAwait(false))
        {
            for (var attempt = 0; pending.Count > 0 && stopped is null; attempt++)
            {
                var leases = await nonces.LeaseManyAsync(From, pending.Count, cancellationToken).ConfigureAwait(false);
                try
                {
                    var items = pending.Select((index, k) => new BatchItem(index, run.Calls[index], gas[index], leases[k])).ToList();
                    var staleNonces = new List<int>();
                    stopped = await BroadcastRoundAsync(run, items, quote, batchOptions, poller, staleNonces, cancellationToken).ConfigureAwait(false);
                    if (staleNonces.Count > 0 && attempt >= options.NonceRetries)
                    {
                        foreach (var index in staleNonces)
                        {
                            run.Set(index, BatchItemOutcome.Failed, null, null, run.LastRejection[index]);
                        }

                        staleNonces.Clear();
                    }

                    pending = staleNonces;
                }
                finally
                {
                    foreach (var lease in leases)
                    {
                        lease.Dispose();
                    }
                }
            }
        }

        if (stopped is not null)
        {
            foreach (var index in pending)
            {
                run.Set(index, BatchItemOutcome.NotSent, null, null, stopped);
            }
        }

        return stopped;
    }

    private async Task<Exception?> BroadcastRoundAsync(BatchRun run, List<BatchItem> items, FeeQuote quote, BatchOptions batchOptions, BatchReceiptPoller poller, List<int> staleNonces, CancellationToken cancellationToken)
    {
        var chunks = Chunk(items, batchOptions.ChunkSize);
        using var signing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signed = SignChunksAsync(chunks, quote, batchOptions.SigningParallelism, signing.Token);
        try
        {
            for (var k = 0; k < chunks.Count; k++)
            {
                try
                {
                    await signed[k].ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || cancellationToken.IsCancellationRequested)
                {
                    MarkNotSent(run, chunks.Skip(k), ex);
                    return ex;
                }

                var stop = await BroadcastChunkAsync(run, chunks[k], quote, poller, staleNonces, isLastChunk: k == chunks.Count - 1, cancellationToken).ConfigureAwait(false);
                if (stop is not null)
                {
                    MarkNotSent(run, chunks.Skip(k + 1), stop);
                    return stop;
                }
            }

            return null;
        }
        finally
        {
            await signing.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(signed).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Chunks left unsigned or whose signing failed are reported above; nothing of theirs was sent.
            }
        }
    }

    /// <summary>Splits the items into chunks that ramp up to <paramref name="size"/> (a quarter, a half, then full),
    /// so the first broadcast waits for a few signatures only and the node has work while the rest are signed.</summary>
    private static List<BatchItem[]> Chunk(List<BatchItem> items, int size)
    {
        var chunks = new List<BatchItem[]>();
        var next = Math.Max(1, size / 4);
        for (var at = 0; at < items.Count; at += next, next = Math.Min(size, next * 2))
        {
            chunks.Add([.. items.Skip(at).Take(next)]);
        }

        return chunks;
    }

    private static void MarkNotSent(BatchRun run, IEnumerable<BatchItem[]> chunks, Exception reason)
    {
        foreach (var item in chunks.SelectMany(c => c))
        {
            run.Set(item.Index, BatchItemOutcome.NotSent, null, null, reason);
        }
    }

    /// <summary>Signs the chunks one after another (each in parallel), so chunk k+1 is signed while chunk k is broadcast.</summary>
    private Task[] SignChunksAsync(List<BatchItem[]> chunks, FeeQuote quote, int parallelism, CancellationToken cancellationToken)
    {
        var done = chunks.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        _ = Task.Run(
            async () =>
            {
                for (var k = 0; k < chunks.Count; k++)
                {
                    try
                    {
                        await Parallel.ForEachAsync(
                            chunks[k],
                            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                            async (item, ct) => item.Sent = await SignAsync(item.Call, item.Lease.Nonce, item.GasLimit, quote, 100, ct).ConfigureAwait(false)).ConfigureAwait(false);
                        done[k].SetResult();
                    }
                    catch (Exception ex)
                    {
                        for (var rest = k; rest < chunks.Count; rest++)
                        {
                            done[rest].TrySetException(ex);
                        }

                        return;
                    }
                }
            },
            CancellationToken.None);
        return [.. done.Select(d => d.Task)];
    }

    private async Task<SentTransaction> SignAsync(TransactionCall call, BigInteger nonce, BigInteger gasLimit, FeeQuote quote, int feePercent, CancellationToken cancellationToken)
    {
        var signedBytes = await signer.SignTransactionAsync(
            new Eip1559TransactionRequest(ChainId, nonce, quote.MaxPriorityFeePerGas * feePercent / 100, quote.MaxFeePerGas * feePercent / 100, gasLimit, call.To, call.Value, call.Data),
            cancellationToken).ConfigureAwait(false);
        var hash = Sha3Keccack.Current.CalculateHash(signedBytes.HexToByteArray()).ToHex(true);
        return new SentTransaction(hash, From, nonce, call, gasLimit, signedBytes);
    }

    /// <summary>Journals and broadcasts one chunk, then repairs what the node refused (fee bumps at the same nonce,
    /// gap fillers for refused nonces; stale nonces are collected for a later round). Returns what makes the batch
    /// stop (the broadcast's outcome unknown, or cancelled), or <see langword="null"/>.</summary>
    private async Task<Exception?> BroadcastChunkAsync(BatchRun run, BatchItem[] chunk, FeeQuote quote, BatchReceiptPoller poller, List<int> staleNonces, bool isLastChunk, CancellationToken cancellationToken)
    {
        var journal = options.Journal;
        var wave = chunk.ToList();
        var feePercent = 100;
        for (var attempt = 0; wave.Count > 0; attempt++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Nothing of this wave has left: it was not sent.
                foreach (var item in wave)
                {
                    run.Set(item.Index, BatchItemOutcome.NotSent, null, null, new OperationCanceledException(cancellationToken));
                }

                return new OperationCanceledException(cancellationToken);
            }

            if (journal is not null)
            {
                // Durable before the broadcast: whatever happens next, a re-run finds these transactions.
                await journal.RecordManyAsync([.. wave.Select(item => Journaled(item.Sent!))], CancellationToken.None).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    foreach (var item in wave)
                    {
                        await journal.ForgetAsync(item.Sent!.Hash, CancellationToken.None).ConfigureAwait(false);
                        run.Set(item.Index, BatchItemOutcome.NotSent, null, null, new OperationCanceledException(cancellationToken));
                    }

                    return new OperationCanceledException(cancellationToken);
                }
            }

            RpcBatchResponse[] answers;
            try
            {
                answers = await rpc.SendBatchAsync([.. wave.Select(item => new RpcBatchRequest("eth_sendRawTransaction", item.Sent!.SignedTransaction))], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RpcUnavailableException or OperationCanceledException)
            {
                // The node may have any of them: their nonces must not be handed out again, and their receipts are
                // still awaited (unless cancelled).
                nonces.Invalidate(From);
                var reason = ex is OperationCanceledException ? PossiblySentReason.Cancelled : PossiblySentReason.BroadcastFailed;
                foreach (var item in wave)
                {
                    item.Lease.Commit();
                    nonces.Remember(item.Sent!);
                    run.Ambiguous.Add((item.Index, item.Sent!, PossiblySent(item.Sent!, reason, ex)));
                    poller.Track(item.Sent!);
                }

                return ex;
            }

            var retry = new List<BatchItem>();
            var gaps = new List<BatchItem>();
            for (var j = 0; j < wave.Count; j++)
            {
                var item = wave[j];
                var sent = item.Sent!;
                if (answers[j].Error is not { } rejection || IsAlreadyKnown(rejection))
                {
                    item.Lease.Commit();
                    nonces.Remember(sent);
                    run.Accepted.Add((item.Index, sent));
                    poller.Track(sent);
                    continue;
                }

                await ForgetAsync(sent.Hash).ConfigureAwait(false);
                run.LastRejection[item.Index] = rejection;
                if (IsNonceRejection(rejection))
                {
                    // The nonce is used (another process of this account): the call gets a fresh one after the batch.
                    LogNonceRejected(logger, item.Call.Description, item.Lease.Nonce, rejection.RpcError?.Message);
                    nonces.Invalidate(From);
                    staleNonces.Add(item.Index);
                }
                else if (IsFeeRejection(rejection) && attempt < options.NonceRetries)
                {
                    retry.Add(item);
                }
                else
                {
                    run.Set(item.Index, BatchItemOutcome.Failed, sent, null, DecoderFor(item.Call).TryTranslate(rejection, out var revert) ? revert : rejection);
                    gaps.Add(item);
                }
            }

            // A refused nonce is a gap the batch's later transactions wait on: fill it with a no-op. (The last nonces of
            // the batch, with nothing after them, are just returned to the nonce manager.)
            foreach (var gap in gaps)
            {
                if (!isLastChunk || wave.Any(other => other.Lease.Nonce > gap.Lease.Nonce && !gaps.Contains(other)))
                {
                    await FillGapAsync(gap.Lease, quote, feePercent, cancellationToken).ConfigureAwait(false);
                }
            }

            if (retry.Count == 0)
            {
                break;
            }

            // Underpriced: the same nonces, re-quoted and bid 25 % higher.
            fees.Invalidate();
            quote = await fees.QuoteAsync(cancellationToken).ConfigureAwait(false);
            feePercent += 25;
            foreach (var item in retry)
            {
                item.Sent = await SignAsync(item.Call, item.Lease.Nonce, item.GasLimit, quote, feePercent, cancellationToken).ConfigureAwait(false);
            }

            wave = retry;
        }

        return null;
    }

    /// <summary>Fills a refused nonce with a zero-value transfer to the sender itself, so the transactions signed
    /// with later nonces are not stuck behind it.</summary>
    private async Task FillGapAsync(NonceLease lease, FeeQuote quote, int feePercent, CancellationToken cancellationToken)
    {
        var filler = new TransactionCall(From, "0x", BigInteger.Zero, $"nonce {lease.Nonce} gap filler (a refused batch transaction)") { GasLimit = 21_000 };
        var sent = await SignAsync(filler, lease.Nonce, 21_000, quote, feePercent, cancellationToken).ConfigureAwait(false);
        try
        {
            await rpc.SendRawTransactionAsync(sent.SignedTransaction, cancellationToken).ConfigureAwait(false);
            lease.Commit();
            nonces.Remember(sent);
            LogGapFilled(logger, From, lease.Nonce, sent.Hash);
        }
        catch (RpcResponseException ex)
        {
            // Nothing more can be done here: the later transactions wait until the account uses this nonce.
            LogGapOpen(logger, From, lease.Nonce, ex.RpcError?.Message ?? ex.Message);
        }
    }

    /// <summary>Awaits every broadcast (and resumed) transaction and turns receipts into results: success, or the
    /// replayed typed revert.</summary>
    private async Task AwaitReceiptsAsync(BatchRun run, Task<Dictionary<string, (TransactionReceipt? Receipt, Exception? Error)>>? polling, CancellationToken cancellationToken)
    {
        var watched = run.Accepted.Concat(run.Ambiguous.Select(a => (a.Index, a.Sent))).ToList();
        var resumed = run.Resumed.Select(async r =>
        {
            try
            {
                run.Set(r.Index, BatchItemOutcome.Mined, r.Sent, await WaitAsync(r.Sent, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ex is RwaComputeException && !cancellationToken.IsCancellationRequested)
            {
                run.Set(r.Index, ex is TransactionPossiblySentException ? BatchItemOutcome.PossiblySent : BatchItemOutcome.Failed, r.Sent, null, ex);
            }
        }).ToList();

        if (polling is not null)
        {
            var outcomes = await polling.ConfigureAwait(false);
            var mined = new List<string>();
            var reverted = new List<(int Index, SentTransaction Sent, TransactionReceipt Receipt)>();
            foreach (var (index, sent) in watched)
            {
                var (receipt, error) = outcomes.TryGetValue(sent.Hash, out var outcome) ? outcome : (null, null);
                if (receipt is null)
                {
                    var ambiguous = run.Ambiguous.Find(a => a.Index == index);
                    var failure = error ?? (Exception?)ambiguous.Error ?? new InvalidOperationException("No receipt and no reason.");
                    if (ambiguous.Error is not null && error is TransactionTimeoutException)
                    {
                        failure = ambiguous.Error;
                    }

                    run.Set(index, failure is TransactionPossiblySentException ? BatchItemOutcome.PossiblySent : BatchItemOutcome.Failed, sent, null, failure);
                    if (failure is TransactionDroppedException)
                    {
                        await ForgetAsync(sent.Hash).ConfigureAwait(false);
                    }
                }
                else if (receipt.Status?.Value == BigInteger.One)
                {
                    run.Set(index, BatchItemOutcome.Mined, sent, receipt, null);
                    mined.Add(sent.Hash);
                }
                else
                {
                    reverted.Add((index, sent, receipt));
                }
            }

            if (options.Confirmations > 1)
            {
                await ConfirmAsync(run, watched.Where(w => mined.Contains(w.Sent.Hash)).ToList(), cancellationToken).ConfigureAwait(false);
                mined.RemoveAll(hash => !run.Results.Any(r => r?.Transaction?.Hash == hash && r.Succeeded));
            }

            if (options.Journal is { } journal && mined.Count > 0)
            {
                await journal.MarkMinedManyAsync(mined, CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var (index, sent, receipt) in reverted)
            {
                await ForgetAsync(sent.Hash).ConfigureAwait(false);
                run.Set(index, BatchItemOutcome.Failed, sent, receipt, await ReplayRevertAsync(sent, receipt, cancellationToken).ConfigureAwait(false));
            }
        }

        await Task.WhenAll(resumed).ConfigureAwait(false);
    }

    /// <summary>With more than one confirmation: each mined transaction is re-checked by the single-transaction waiter
    /// (depth and canonical block).</summary>
    private async Task ConfirmAsync(BatchRun run, List<(int Index, SentTransaction Sent)> mined, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(mined, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            try
            {
                var receipt = await waiter.WaitAsync(item.Sent, null, ct).ConfigureAwait(false);
                run.Set(item.Index, BatchItemOutcome.Mined, item.Sent, receipt, null);
            }
            catch (Exception ex) when (ex is RwaComputeException && !ct.IsCancellationRequested)
            {
                run.Set(item.Index, ex is TransactionPossiblySentException ? BatchItemOutcome.PossiblySent : BatchItemOutcome.Failed, item.Sent, null, ex);
            }
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch of {Count} from {From}: {Mined} mined; simulated in {SimulateMs} ms, signed and broadcast in {BroadcastMs} ms, receipts in {ReceiptsMs} ms.")]
    private static partial void LogBatch(ILogger logger, int count, string from, int mined, long simulateMs, long broadcastMs, long receiptsMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {From}: nonce {Nonce} of a batch was refused; filled with a no-op transfer {Hash} so the later transactions are mined.")]
    private static partial void LogGapFilled(ILogger logger, string from, BigInteger nonce, string hash);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {From}: nonce {Nonce} of a batch was refused and could not be filled ({Reason}); the batch's later transactions wait until the account uses it.")]
    private static partial void LogGapOpen(ILogger logger, string from, BigInteger nonce, string reason);
}

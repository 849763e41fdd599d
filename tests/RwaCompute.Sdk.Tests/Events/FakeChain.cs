using System.Globalization;
using System.Numerics;
using System.Net.Http;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Tests.Fakes;

namespace RwaCompute.Sdk.Tests.Events;

/// <summary>
/// A chain behind a <see cref="FakeRpcClient"/>: blocks with hashes that change when a reorg replaces them, and
/// <c>UnitsIssued</c> logs in them (one per lot id, so a test tells events apart by lot). Serves
/// <c>eth_blockNumber</c>, <c>eth_getBlockByNumber</c> and <c>eth_getLogs</c>; can fail calls like a flaky
/// transport and run code while a <c>eth_getLogs</c> is being answered.
/// </summary>
internal sealed class FakeChain
{
    private readonly object gate = new();
    private readonly List<(string Hash, List<FilterLog> Logs)> blocks = [];
    private int fork;
    private int failuresPending;
    private int failEvery;
    private int calls;

    public FakeChain()
    {
        Node = new FakeRpcClient()
            .On("eth_blockNumber", _ => Serve(() => new HexBigInteger(blocks.Count - 1)))
            .On("eth_getBlockByNumber", p => Serve(() => BlockAt(p)))
            .On("eth_getLogs", p => Serve(() => LogsFor(p)));
        Mine(); // genesis
    }

    public FakeRpcClient Node { get; }

    /// <summary>Runs once, after the logs of the next <c>eth_getLogs</c> are taken and before they are returned.</summary>
    public Action? DuringNextGetLogs { get; set; }

    /// <summary>Ranges over this many blocks are refused as too large.</summary>
    public long MaxLogRange { get; set; } = long.MaxValue;

    public long Head
    {
        get
        {
            lock (gate)
            {
                return blocks.Count - 1;
            }
        }
    }

    public string HashOf(long block)
    {
        lock (gate)
        {
            return blocks[(int)block].Hash;
        }
    }

    /// <summary>Mines one block holding a <c>UnitsIssued</c> log per lot (log index = position).</summary>
    /// <returns>The block number.</returns>
    public long Mine(params BigInteger[] lots)
    {
        lock (gate)
        {
            long number = blocks.Count;
            var hash = "0x" + fork.ToString("x4", CultureInfo.InvariantCulture) + number.ToString("x60", CultureInfo.InvariantCulture);
            var logs = lots.Select((lot, index) =>
            {
                var log = Logs.UnitsIssued(number, index, lot, Logs.Holder, 1);
                log.BlockHash = hash;
                return log;
            }).ToList();
            blocks.Add((hash, logs));
            return number;
        }
    }

    /// <summary>Mines a block holding arbitrary logs (their block number, index and hash are set here).</summary>
    public long MineLogs(params FilterLog[] logs)
    {
        lock (gate)
        {
            var number = Mine();
            var hash = blocks[(int)number].Hash;
            for (var i = 0; i < logs.Length; i++)
            {
                logs[i].BlockNumber = new HexBigInteger(number);
                logs[i].LogIndex = new HexBigInteger(i);
                logs[i].BlockHash = hash;
            }

            blocks[(int)number] = (hash, [.. logs]);
            return number;
        }
    }

    /// <summary>Replaces the last <paramref name="depth"/> blocks with new ones (new hashes), the first of which hold
    /// <paramref name="replacements"/> (one lot list per block; missing ones are empty), back to the same height.</summary>
    public void Reorg(int depth, params BigInteger[][] replacements)
    {
        lock (gate)
        {
            fork++;
            blocks.RemoveRange(blocks.Count - depth, depth);
            for (var i = 0; i < depth; i++)
            {
                Mine(i < replacements.Length ? replacements[i] : []);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> calls fail as an unreachable node would.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresPending, count);

    /// <summary>Every <paramref name="n"/>-th call fails as an unreachable node would (0: none).</summary>
    public void FailEvery(int n) => Interlocked.Exchange(ref failEvery, n);

    private object? Serve(Func<object?> answer)
    {
        var call = Interlocked.Increment(ref calls);
        if (Interlocked.Decrement(ref failuresPending) >= 0 || (failEvery > 0 && call % failEvery == 0))
        {
            throw new HttpRequestException("Connection refused (fake-node:8545)");
        }

        lock (gate)
        {
            return answer();
        }
    }

    private BlockWithTransactionHashes? BlockAt(object?[] parameters)
    {
        var number = (long)new HexBigInteger((string)parameters[0]!).Value;
        return number < blocks.Count ? Rpc.Block(number, blocks[(int)number].Hash) : null;
    }

    private FilterLog[] LogsFor(object?[] parameters)
    {
        var filter = (NewFilterInput)parameters[0]!;
        var from = (long)filter.FromBlock.BlockNumber.Value;
        var to = (long)filter.ToBlock.BlockNumber.Value;
        if (to - from + 1 > MaxLogRange)
        {
            throw Rpc.Error("query returned more than 10000 results", code: -32005);
        }

        var logs = blocks.Skip((int)from).Take((int)Math.Max(0, Math.Min(to, blocks.Count - 1) - from + 1))
            .SelectMany(b => b.Logs)
            .Where(l => filter.Address.Contains(l.Address, StringComparer.OrdinalIgnoreCase))
            .ToArray();
        if (DuringNextGetLogs is { } action)
        {
            DuringNextGetLogs = null;
            action();
        }

        return logs;
    }
}

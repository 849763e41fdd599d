using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Events;

/// <summary>
/// Reads logs one <c>eth_getLogs</c> request at a time, at most <see cref="ChunkSize"/> blocks per request; a
/// request the node refuses as too large is halved and retried, and the smaller size is kept for later requests.
/// One reader per scan or watch: the learned chunk size is its state.
/// </summary>
internal sealed class ChunkedLogReader
{
    private static readonly string[] RangeErrorFragments = ["query returned more than", "block range", "range too large", "range is too large", "too many results", "too many logs", "response size", "log response size exceeded", "query exceeds max"];
    private readonly ChainRpc rpc;
    private readonly string[] addresses;
    private readonly int minimumChunkSize;

    public ChunkedLogReader(ChainRpc rpc, string[] addresses, EventQueryOptions options)
    {
        this.rpc = rpc;
        this.addresses = addresses;
        ChunkSize = options.BlockChunkSize;
        minimumChunkSize = options.MinimumChunkSize;
    }

    /// <summary>Blocks the next request asks for at most.</summary>
    public long ChunkSize { get; private set; }

    /// <summary>Reads the logs of <paramref name="from"/> .. min(<paramref name="to"/>, from + chunk − 1).</summary>
    /// <returns>The last block the logs cover, and the logs in the node's (chain) order.</returns>
    public async Task<(long End, FilterLog[] Logs)> ReadAsync(long from, long to, CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = Math.Min(to, from + ChunkSize - 1);
            try
            {
                return (end, await rpc.GetLogsAsync(Filter(from, end), cancellationToken).ConfigureAwait(false));
            }
            catch (RpcResponseException ex) when (IsRangeTooLarge(ex) && end > from && (end - from + 1) / 2 >= minimumChunkSize)
            {
                // Halve what was actually asked for (the last chunk may be shorter than the chunk size).
                ChunkSize = (end - from + 1) / 2;
            }
        }
    }

    /// <summary>Whether the node refused a request for its range or result size (not for a rate limit).</summary>
    public static bool IsRangeTooLarge(RpcResponseException exception)
    {
        var message = exception.RpcError?.Message ?? exception.Message;
        if (message.Contains("rate limit", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return RangeErrorFragments.Any(fragment => message.Contains(fragment, StringComparison.OrdinalIgnoreCase));
    }

    private NewFilterInput Filter(long from, long to) => new()
    {
        Address = addresses,
        FromBlock = new BlockParameter(new HexBigInteger(from)),
        ToBlock = new BlockParameter(new HexBigInteger(to)),
    };
}

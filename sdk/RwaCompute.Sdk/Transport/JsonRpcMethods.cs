using System.Collections.Frozen;
using System.Text.Json;

namespace RwaCompute.Sdk.Transport;

/// <summary>Which JSON-RPC methods may be repeated without changing anything (reads).</summary>
internal static class JsonRpcMethods
{
    /// <summary>The methods a transport may retry: each answers from chain state and changes nothing.</summary>
    public static FrozenSet<string> Idempotent { get; } = new[]
    {
        "eth_chainId", "net_version", "web3_clientVersion", "eth_blockNumber", "eth_call", "eth_estimateGas",
        "eth_getBalance", "eth_getCode", "eth_getStorageAt", "eth_getLogs", "eth_getTransactionCount",
        "eth_getTransactionReceipt", "eth_getTransactionByHash", "eth_getBlockByNumber", "eth_getBlockByHash",
        "eth_maxPriorityFeePerGas", "eth_gasPrice", "eth_feeHistory", "eth_syncing",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a request body (one call or a batch) only reads.</summary>
    /// <param name="body">The JSON-RPC request body.</param>
    /// <returns><see langword="true"/> when every call in it is idempotent; <see langword="false"/> for anything else
    /// (a send, an unknown method, a body that does not parse).</returns>
    public static bool OnlyReads(string? body)
    {
        if (string.IsNullOrEmpty(body) || body.Contains("\"eth_sendRawTransaction\"", StringComparison.Ordinal))
        {
            // A send (or a bulk batch of them, hundreds of kilobytes of signed bytes) is never a read: no need to
            // parse it.
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Object => IsIdempotentCall(root),
                JsonValueKind.Array => root.GetArrayLength() > 0 && root.EnumerateArray().All(IsIdempotentCall),
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsIdempotentCall(JsonElement call) =>
        call.ValueKind == JsonValueKind.Object
        && call.TryGetProperty("method", out var method)
        && method.ValueKind == JsonValueKind.String
        && Idempotent.Contains(method.GetString()!);
}

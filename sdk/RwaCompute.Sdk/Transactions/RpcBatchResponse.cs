using Nethereum.JsonRpc.Client;
using Newtonsoft.Json.Linq;

namespace RwaCompute.Sdk.Transactions;

/// <summary>The answer to one request of a JSON-RPC batch: a result, or the node's error for that request alone
/// (the other requests of the batch are unaffected).</summary>
/// <param name="Result">The result (a JSON <c>null</c> when the node has nothing, e.g. a pending receipt).</param>
/// <param name="Error">The node's error for this request, typed as a single request's error would be.</param>
internal readonly record struct RpcBatchResponse(JToken? Result, RpcResponseException? Error)
{
    /// <summary>Whether the node answered this request with an error.</summary>
    public bool IsError => Error is not null;

    /// <summary>The result converted to <typeparamref name="T"/>; throws the node's error for this request.</summary>
    /// <typeparam name="T">The result type (Nethereum's DTOs).</typeparam>
    /// <returns>The result, or <see langword="default"/> for a JSON <c>null</c>.</returns>
    public T? As<T>()
    {
        if (Error is not null)
        {
            throw Error;
        }

        return Result is null || Result.Type == JTokenType.Null ? default : Result.ToObject<T>();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;
using Newtonsoft.Json.Linq;

namespace RwaCompute.Sdk.Tests.Fakes;

/// <summary>
/// A scriptable JSON-RPC node: each method name maps to a handler that returns the result object (or throws
/// <see cref="RpcResponseException"/> / <see cref="HttpRequestException"/> like a real node or transport would).
/// Every request is recorded with the time it arrived, so tests can assert on what was asked, how often and when.
/// A method without a handler answers "method not found" (-32601), as a node would.
/// </summary>
internal sealed class FakeRpcClient : IClient
{
    private readonly ConcurrentDictionary<string, Func<object?[], Task<object?>>> handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RpcCall> calls = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public RequestInterceptor? OverridingRequestInterceptor { get; set; }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RpcCall> Calls => [.. calls];

    /// <summary>Answers <paramref name="method"/> synchronously.</summary>
    public FakeRpcClient On(string method, Func<object?[], object?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handlers[method] = parameters => Task.FromResult(handler(parameters));
        return this;
    }

    /// <summary>Answers <paramref name="method"/> with a fixed result.</summary>
    public FakeRpcClient Returns(string method, object? result) => On(method, _ => result);

    /// <summary>Answers <paramref name="method"/> asynchronously (to hold a request open, for example).</summary>
    public FakeRpcClient OnAsync(string method, Func<object?[], Task<object?>> handler)
    {
        handlers[method] = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>Answers the calls of <paramref name="method"/> in turn from <paramref name="results"/>; an
    /// <see cref="Exception"/> in the sequence is thrown; the last entry repeats.</summary>
    public FakeRpcClient Sequence(string method, params object?[] results)
    {
        var index = -1;
        return On(method, _ =>
        {
            var next = results[Math.Min(Interlocked.Increment(ref index), results.Length - 1)];
            return next is Exception ex ? throw ex : next;
        });
    }

    /// <summary>The requests for one method, in arrival order.</summary>
    public IReadOnlyList<RpcCall> CallsOf(string method) => [.. calls.Where(c => c.Method == method)];

    public int CountOf(string method) => calls.Count(c => c.Method == method);

    public async Task<T> SendRequestAsync<T>(string method, string? route = null, params object?[] paramList)
    {
        calls.Enqueue(new RpcCall(method, paramList ?? [], clock.Elapsed));
        if (!handlers.TryGetValue(method, out var handler))
        {
            throw new RpcResponseException(new Nethereum.JsonRpc.Client.RpcError(-32601, $"the method {method} does not exist/is not available"));
        }

        var result = await handler(paramList ?? []).ConfigureAwait(false);
        return result switch
        {
            null => default!,
            T typed => typed,
            _ => JToken.FromObject(result).ToObject<T>()!,
        };
    }

    public Task<T> SendRequestAsync<T>(RpcRequest request, string? route = null) =>
        SendRequestAsync<T>(request.Method, route, request.RawParameters);

    public Task SendRequestAsync(RpcRequest request, string? route = null) =>
        SendRequestAsync<object>(request.Method, route, request.RawParameters);

    public Task SendRequestAsync(string method, string? route = null, params object?[] paramList) =>
        SendRequestAsync<object>(method, route, paramList);

    public Task<RpcRequestResponseBatch> SendBatchRequestAsync(RpcRequestResponseBatch rpcRequestResponseBatch) =>
        throw new NotSupportedException("The SDK sends no batches.");

    public Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null) =>
        throw new NotSupportedException("The SDK sends typed requests only.");

    public T DecodeResult<T>(RpcResponseMessage rpcResponseMessage) =>
        throw new NotSupportedException("The SDK sends typed requests only.");
}

/// <summary>One request the fake received.</summary>
/// <param name="Method">The JSON-RPC method.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="At">When it arrived, since the fake was created.</param>
internal sealed record RpcCall(string Method, object?[] Parameters, TimeSpan At);

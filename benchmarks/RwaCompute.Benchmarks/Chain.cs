using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Benchmarks;

/// <summary>The RPC gateway: the SDK's own <see cref="ChainRpc.ForHttp"/> for timed runs; with --trace-rpc the same
/// handler settings wrapped in <see cref="RpcTrace"/>.</summary>
internal static class Chain
{
    public static (ChainRpc Rpc, RpcTrace? Trace) Connect(Options options)
    {
        if (!options.TraceRpc)
        {
            return (ChainRpc.ForHttp(options.Rpc), null);
        }

#pragma warning disable CA2000 // Lives for the process.
        var trace = new RpcTrace(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
        });
        var http = new HttpClient(trace) { Timeout = TimeSpan.FromSeconds(30) };
#pragma warning restore CA2000
        return (ChainRpc.ForHttp(options.Rpc, http), trace);
    }
}

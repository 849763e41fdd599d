using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace RwaCompute.Benchmarks;

/// <summary>
/// --trace-rpc: counts JSON-RPC requests by method and sums their wall time (request sent to response body read).
/// It parses every request body, so traced runs are for profiling, not the timed figures.
/// </summary>
internal sealed class RpcTrace : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, (int Count, long Ticks)> methods = new(StringComparer.Ordinal);

    public RpcTrace(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public void Reset() => methods.Clear();

    public Dictionary<string, object> Snapshot() => methods.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(
        m => m.Key,
        m => (object)new Dictionary<string, object>
        {
            ["count"] = m.Value.Count,
            ["ms"] = Math.Round(m.Value.Ticks * 1000.0 / Stopwatch.Frequency, 1),
        },
        StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = "?";
        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("method", out var m))
                {
                    method = m.GetString() ?? "?";
                }
                else if (doc.RootElement.ValueKind == JsonValueKind.Array && doc.RootElement.GetArrayLength() > 0
                    && doc.RootElement[0].TryGetProperty("method", out var first))
                {
                    // A JSON-RPC batch: one HTTP request, counted under its first method; its size is counted apart.
                    method = $"batch:{first.GetString()}";
                    var items = doc.RootElement.GetArrayLength();
                    methods.AddOrUpdate(method + ":items", _ => (items, 0), (_, old) => (old.Count + items, 0));
                }
            }
            catch (JsonException)
            {
                // Not JSON-RPC.
            }
        }

        var start = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var ticks = Stopwatch.GetTimestamp() - start;
        methods.AddOrUpdate(method, _ => (1, ticks), (_, old) => (old.Count + 1, old.Ticks + ticks));
        return response;
    }
}

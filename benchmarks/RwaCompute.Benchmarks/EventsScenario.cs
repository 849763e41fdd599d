using System.Globalization;
using RwaCompute.Sdk.Events;

namespace RwaCompute.Benchmarks;

/// <summary>
/// events: <see cref="SuiteEventQuery.GetAsync"/> over the fixture's range with the token as the only contract and
/// <see cref="EventQueryOptions.BlockChunkSize"/> = the fixture's chunkBlocks: one eth_getLogs per chunk, one chunk
/// after another, every log decoded into its generated event DTO (topic0 → event; indexed and data arguments).
/// </summary>
internal static class EventsScenario
{
    public static async Task<Dictionary<string, object>?> RunAsync(Options options, Fixture fixture)
    {
        var (rpc, trace) = Chain.Connect(options);
        var query = new SuiteEventQuery(
            rpc,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["ComputeCapacityToken"] = fixture.EventsAddress },
            new EventQueryOptions { BlockChunkSize = fixture.ChunkBlocks });

        // Warm-up on the first ≤ 10 blocks (the setup's events): connection, JSON and decoder code paths.
        _ = await query.GetAsync(new BlockRange(fixture.FromBlock, Math.Min(fixture.FromBlock + 9, fixture.ToBlock)));
        trace?.Reset();

        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var events = await query.GetAsync(new BlockRange(fixture.FromBlock, fixture.ToBlock));
        var seconds = Measure.Seconds(start);
        var rpcCalls = trace?.Snapshot();

        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Event is null)
            {
                await Console.Error.WriteLineAsync($"undecoded event in block {e.BlockNumber}");
                return null;
            }

            byName[e.Name] = byName.GetValueOrDefault(e.Name) + 1;
        }

        var sameNames = byName.Count == fixture.ExpectedByName.Count
            && fixture.ExpectedByName.All(kv => byName.GetValueOrDefault(kv.Key) == kv.Value);
        if (events.Count != fixture.ExpectedEvents || !sameNames)
        {
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"verification failed: {events.Count} events (expected {fixture.ExpectedEvents}); " +
                $"{string.Join(',', byName.OrderBy(k => k.Key, StringComparer.Ordinal))} vs {string.Join(',', fixture.ExpectedByName.OrderBy(k => k.Key, StringComparer.Ordinal))}"));
            return null;
        }

        var blocks = fixture.ToBlock - fixture.FromBlock + 1;
        var result = new Dictionary<string, object>
        {
            ["scenario"] = "events",
            ["events"] = events.Count,
            ["seconds"] = Measure.Round(seconds),
            ["eventsPerSecond"] = Measure.Round(events.Count / seconds, 1),
            ["requests"] = (blocks + fixture.ChunkBlocks - 1) / fixture.ChunkBlocks,
            ["chunkBlocks"] = fixture.ChunkBlocks,
        };
        if (rpcCalls is not null)
        {
            result["rpcCalls"] = rpcCalls;
        }

        return result;
    }
}

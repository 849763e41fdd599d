// The .NET side of the SDK-vs-viem benchmarks (benchmarks/README.md, "Contract for an implementation").
//   RwaCompute.Benchmarks <issue-sequential|issue-pipelined|issue-bulk|events> --rpc URL --fixture FILE
//       [--txs N] [--strategy all|ordered|dop:N] [--chunk N] [--poll-backoff F] [--trace-rpc] [--log]
// Prints exactly one JSON line on stdout; exits 0 only if the run verified. Logs go to stderr.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RwaCompute.Benchmarks;

var options = Options.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync(
        "usage: RwaCompute.Benchmarks <issue-sequential|issue-pipelined|issue-bulk|events> --rpc URL --fixture FILE " +
        "[--txs N] [--strategy all|ordered|dop:N] [--chunk N] [--poll-backoff F] [--trace-rpc] [--log]");
    return 2;
}

try
{
    var fixture = Fixture.Load(options.FixturePath);
    var result = options.Scenario switch
    {
        "issue-sequential" or "issue-pipelined" => await IssueScenario.RunAsync(options, fixture),
        "issue-bulk" => await BulkIssueScenario.RunAsync(options, fixture),
        "events" => await EventsScenario.RunAsync(options, fixture),
        _ => throw new InvalidOperationException("unreachable"),
    };
    if (result is null)
    {
        return 1;
    }

    await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result));
    return 0;
}
#pragma warning disable CA1031 // The process's last resort: any failure is a failed (unverified) run.
catch (Exception ex)
#pragma warning restore CA1031
{
    await Console.Error.WriteLineAsync($"{options.Scenario} failed: {ex}");
    return 1;
}

namespace RwaCompute.Benchmarks
{
    /// <summary>Command-line options.</summary>
    internal sealed record Options(string Scenario, Uri Rpc, string FixturePath, int? Txs, string Strategy, double? PollBackoff, bool TraceRpc, bool Log, int? Chunk = null)
    {
        public static Options? Parse(string[] args)
        {
            if (args.Length == 0 || args[0] is not ("issue-sequential" or "issue-pipelined" or "issue-bulk" or "events"))
            {
                return null;
            }

            string? rpc = null, fixture = null, strategy = null;
            int? txs = null, chunk = null;
            double? backoff = null;
            var trace = false;
            var log = false;
            for (var i = 1; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--rpc": rpc = Next(); break;
                    case "--fixture": fixture = Next(); break;
                    case "--txs": txs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--strategy": strategy = Next(); break;
                    case "--chunk": chunk = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--poll-backoff": backoff = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--trace-rpc": trace = true; break;
                    case "--log": log = true; break;
                    default: return null;
                }
            }

            return rpc is null || fixture is null
                ? null
                : new Options(args[0], new Uri(rpc), fixture, txs, strategy ?? IssueScenario.DefaultStrategy, backoff, trace, log, chunk);
        }
    }

    /// <summary>Timing and rounding helpers shared by the scenarios.</summary>
    internal static class Measure
    {
        public static double Seconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;

        public static double Round(double value, int digits = 4) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using RwaCompute.Devnet;
using RwaCompute.Reporter.Configuration;
using RwaCompute.Reporter.Node.Hosting;
using RwaCompute.Reporter.Node.Measurement;
using RwaCompute.Reporter.Node.Options;
using RwaCompute.Reporter.Safety;
using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.Replay;
using RwaCompute.Sdk.Clients;

namespace RwaCompute.Cli.Devnet;

/// <summary>
/// The devnet's oracle, run for real: the three devnet reporters as <c>rwa reporter</c> nodes in this process
/// (127.0.0.1, their own SQLite files), replaying a recorded telemetry of a second pool's four GPUs, agree on reports
/// and submit them. Their clock follows the chain's (the story moved chain time forward), epochs are two seconds.
/// </summary>
internal static class DevnetReporterNodes
{
    private static readonly TimeSpan EpochLength = TimeSpan.FromSeconds(2);

    /// <summary>Runs the nodes until they have landed <paramref name="rounds"/> epochs; returns the reports.</summary>
    public static async Task<IReadOnlyList<UtilizationReport>> RunAsync(RwaComputeClient admin, string rpcUrl, string manifestPath, byte[] poolId, int rounds, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("rwa-devnet-reporters-").FullName;
        var nodes = new List<WebApplication>();
        try
        {
            var chainNow = await ChainTimeAsync(admin, cancellationToken).ConfigureAwait(false);
            var time = new ChainClock(chainNow - DateTimeOffset.UtcNow);  // the story moved chain time forward
            // A pool of its own, measured from its first epoch: a reporter's cumulative counters start where the pool's
            // first report starts (docs/ORACLE.md, "Cumulative counters"). Epoch 1 is the first one closing.
            // Epoch 1 starts 3 s from now, once every node runs: an epoch a node did not watch from its start is not
            // observed (missing samples before it started are not downtime).
            const ulong last = 0;
            var genesis = chainNow + TimeSpan.FromSeconds(3) - EpochLength;
            var replay = Path.Combine(directory, "telemetry.jsonl");
            await WriteReplayAsync(replay, genesis, genesis + (EpochLength * (double)(last + 20)), cancellationToken).ConfigureAwait(false);

            var reporters = DevnetAccounts.Standard.Reporters;
            var ports = reporters.Select(_ => FreePort()).ToArray();
            for (var i = 0; i < reporters.Count; i++)
            {
                var node = new ReporterNodeOptions
                {
                    RpcUrl = new Uri(rpcUrl),
                    ManifestPath = manifestPath,
                    Listen = new Uri($"http://127.0.0.1:{ports[i].ToString(CultureInfo.InvariantCulture)}/"),
                    Peers = [.. Enumerable.Range(0, reporters.Count).Where(j => j != i).Select(j => new PeerOptions { Address = reporters[j].Address, Url = new Uri($"http://127.0.0.1:{ports[j].ToString(CultureInfo.InvariantCulture)}/") })],
                    RoundTimeout = TimeSpan.FromSeconds(2),
                    PollInterval = TimeSpan.FromMilliseconds(200),
                    PeerTimeout = TimeSpan.FromSeconds(2),
                };
                var measurement = new ReporterOptions
                {
                    DatabasePath = Path.Combine(directory, $"reporter-{i.ToString(CultureInfo.InvariantCulture)}.db"),
                    Source = TelemetrySourceKind.Replay,
                    Staleness = TimeSpan.FromSeconds(2),
                    SamplingInterval = TimeSpan.FromMilliseconds(500),
                    Epochs = new EpochOptions { Genesis = genesis, Length = EpochLength },
                };
                measurement.Replay.Path = replay;
                var pool = new PoolOptions { PoolId = "0x" + Convert.ToHexStringLower(poolId) };
                for (var gpu = 0; gpu < 4; gpu++)
                {
                    pool.GpuUuids.Add($"GPU-devnet-{gpu.ToString(CultureInfo.InvariantCulture)}");
                }

                measurement.Pools.Add(pool);
                var store = await SafetyStore.OpenAsync(measurement.DatabasePath, time, cancellationToken).ConfigureAwait(false);
                var app = await ReporterNodeFactory.BuildAsync(node, reporters[i], measurement, new ReplayTelemetrySource(replay), new SampleBuffer(TimeSpan.FromMinutes(10), time), store, null, time, cancellationToken).ConfigureAwait(false);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                nodes.Add(app);
            }

            var landed = new List<UtilizationReport>();
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
            while (landed.Count < rounds)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new TimeoutException($"the reporter nodes landed {landed.Count} of {rounds} epochs in 30 s");
                }

                try
                {
                    var latest = await admin.Oracle.LatestAsync(poolId, cancellationToken).ConfigureAwait(false);
                    if (latest.Epoch > (landed.Count == 0 ? last : landed[^1].Epoch))
                    {
                        landed.Add(latest);
                    }
                }
                catch (RwaCompute.Sdk.Contracts.UtilizationOracle.OracleNoReportException)
                {
                    // Not yet.
                }

                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }

            return landed;
        }
        finally
        {
            foreach (var app in nodes)
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold a file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    private static async Task<DateTimeOffset> ChainTimeAsync(RwaComputeClient client, CancellationToken cancellationToken)
    {
        var block = await client.Rpc.GetBlockAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest(), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The node returned no latest block.");
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }

    /// <summary>Four H100s, 86 % busy at 520 W, every half second.</summary>
    private static async Task WriteReplayAsync(string path, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(path);
        await using (writer.ConfigureAwait(false))
        {
            var energy = new ulong[4];
            for (var t = from - TimeSpan.FromSeconds(3); t < to; t += TimeSpan.FromMilliseconds(500))
            {
                for (var gpu = 0; gpu < 4; gpu++)
                {
                    energy[gpu] += 260_000;
                    await GpuSampleJsonLines.WriteAsync(writer, new GpuSample(t, $"GPU-devnet-{gpu.ToString(CultureInfo.InvariantCulture)}", gpu, 86, 520m, energy[gpu], "NVIDIA H100 80GB HBM3", "devnet"), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

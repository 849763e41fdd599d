using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RwaCompute.Devnet;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Reporter.Configuration;
using RwaCompute.Reporter.Node.Hosting;
using RwaCompute.Reporter.Node.Measurement;
using RwaCompute.Reporter.Node.Options;
using RwaCompute.Reporter.Node.Rounds;
using RwaCompute.Reporter.Pools;
using RwaCompute.Reporter.Safety;
using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.Replay;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Reporter.Node.Tests;

/// <summary>
/// Four reporter nodes in this process against the suite on anvil: reporters are anvil accounts 5-8 (quorum 3), every
/// node replays the same recorded telemetry of a two-GPU pool (80 % busy, 400 W) from its own SQLite file and listens on
/// its own 127.0.0.1 port. Epochs are 4 s, a leader has 3 s.
/// </summary>
public sealed class ReporterNetwork : IAsyncDisposable
{
    public const string PoolLabel = "node-test-pool";
    public const ushort HonestUtilizationBps = 8_000;
    public static readonly TimeSpan EpochLength = TimeSpan.FromSeconds(4);

    private readonly AnvilProcess anvil;
    private readonly string directory;
    private readonly WebApplication?[] nodes = new WebApplication?[4];
    private readonly ReporterNodeOptions[] options = new ReporterNodeOptions[4];
    private readonly ReporterOptions[] measurement = new ReporterOptions[4];
    private readonly SafetyStore?[] stores = new SafetyStore?[4];
    private readonly int? byzantine;

    private ReporterNetwork(AnvilProcess anvil, string directory, RwaComputeClient admin, DateTimeOffset genesis, int? byzantine)
    {
        this.anvil = anvil;
        this.directory = directory;
        Admin = admin;
        Genesis = genesis;
        this.byzantine = byzantine;
    }

    public static IReadOnlyList<RwaSigner> Reporters { get; } = [.. Enumerable.Range(5, 4).Select(DevnetAccounts.Derive)];

    public RwaComputeClient Admin { get; }

    public DateTimeOffset Genesis { get; }

    public byte[] PoolId { get; } = Pools.PoolId.Parse(PoolLabel).ToBytes();

    /// <summary>Starts anvil, deploys, configures four reporters and starts the nodes (node <paramref name="byzantine"/>
    /// lies).</summary>
    public static async Task<ReporterNetwork> StartAsync(int? byzantine = null, CancellationToken cancellationToken = default)
    {
        var anvil = await AnvilProcess.StartAsync(cancellationToken: cancellationToken);
        var directory = Directory.CreateTempSubdirectory("rwa-reporter-net-").FullName;
        var manifest = await DevnetSuite.DeployAsync(anvil.RpcUrl, directory, cancellationToken: cancellationToken);
        var admin = await RwaComputeClient.ConnectAsync(new RwaComputeClientOptions { RpcUrl = new Uri(anvil.RpcUrl) }, manifest, DevnetAccounts.Standard.Admin, cancellationToken: cancellationToken);
        await admin.Oracle.SetReportersAsync([.. Reporters.Select(r => r.Address)], 3, cancellationToken);

        var genesis = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var network = new ReporterNetwork(anvil, directory, admin, genesis, byzantine);
        await network.WriteReplayAsync(cancellationToken);
        var ports = Enumerable.Range(0, 4).Select(_ => FreePort()).ToArray();
        for (var i = 0; i < 4; i++)
        {
            network.options[i] = new ReporterNodeOptions
            {
                RpcUrl = new Uri(anvil.RpcUrl),
                ManifestPath = DeploymentManifest.DefaultPath(directory, 31337),
                Listen = new Uri($"http://127.0.0.1:{ports[i]}/"),
                Peers = [.. Enumerable.Range(0, 4).Where(j => j != i).Select(j => new PeerOptions { Address = Reporters[j].Address, Url = new Uri($"http://127.0.0.1:{ports[j]}/") })],
                RoundTimeout = TimeSpan.FromSeconds(3),
                PollInterval = TimeSpan.FromMilliseconds(200),
                PeerTimeout = TimeSpan.FromSeconds(2),
            };
            var reporter = new ReporterOptions
            {
                DatabasePath = Path.Combine(directory, $"node-{i}.db"),
                Source = TelemetrySourceKind.Replay,
                Staleness = TimeSpan.FromSeconds(2),
                SamplingInterval = TimeSpan.FromMilliseconds(500),
                Epochs = new EpochOptions { Genesis = genesis, Length = EpochLength },
            };
            reporter.Replay.Path = Path.Combine(directory, "telemetry.jsonl");
            var pool = new PoolOptions { PoolId = PoolLabel };
            pool.GpuUuids.Add("GPU-0");
            pool.GpuUuids.Add("GPU-1");
            reporter.Pools.Add(pool);
            network.measurement[i] = reporter;
            await network.StartNodeAsync(i, cancellationToken);
        }

        return network;
    }

    /// <summary>Starts (or restarts, on the same database file) node <paramref name="i"/>.</summary>
    public async Task StartNodeAsync(int i, CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        var store = await SafetyStore.OpenAsync(measurement[i].DatabasePath, time, cancellationToken);
        stores[i] = store;
        var buffer = new SampleBuffer(TimeSpan.FromMinutes(10), time);
        var telemetry = new ReplayTelemetrySource(measurement[i].Replay.Path);
        IObservationSource source = new TelemetryObservationSource(measurement[i], buffer, store, time);
        if (i == byzantine)
        {
            source = new LyingObservationSource(source);
        }

        var node = i;
        var app = await ReporterNodeHost.BuildAsync(
            options[i], Reporters[i], source, new SafetyStoreSignGuard(store), new ScheduleEpochClock(measurement[i].Epochs.ToSchedule()), null, time,
            services =>
            {
                services.AddHostedService(sp => new TelemetryPump(telemetry, buffer, NullLogger<TelemetryPump>.Instance));
                services.AddSingleton<IReportSubmitter>(sp => new CrashingSubmitter(this, node, new ChainReportSubmitter(sp.GetRequiredService<RwaComputeClient>())));
            },
            cancellationToken);

        await app.StartAsync(cancellationToken);
        nodes[i] = app;
    }

    /// <summary>Completes when the node set by <see cref="CrashOnSubmit"/> held a quorum of signatures and "died".</summary>
    public TaskCompletionSource<OracleReport> Crashed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private (int Node, ulong Epoch)? crash;

    /// <summary>Makes node <paramref name="i"/>, when it has collected a quorum for <paramref name="epoch"/>, fail
    /// instead of submitting (a leader killed between proposal and submission); the test then stops it.</summary>
    public void CrashOnSubmit(int i, ulong epoch) => crash = (i, epoch);

    /// <summary>Stops node <paramref name="i"/> (as if its process died).</summary>
    public async Task StopNodeAsync(int i)
    {
        if (nodes[i] is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            nodes[i] = null;
        }
    }

    /// <summary>The node's safety store (its anti-double-sign records).</summary>
    public SafetyStore Store(int i) => stores[i] ?? throw new InvalidOperationException($"node {i} never started");

    /// <summary>Waits until the chain holds a report for at least <paramref name="epoch"/>.</summary>
    public async Task<UtilizationReport> WaitForEpochAsync(ulong epoch, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                var report = await Admin.Oracle.LatestAsync(PoolId);
                if (report.Epoch >= epoch)
                {
                    return report;
                }
            }
            catch (Sdk.Contracts.UtilizationOracle.OracleNoReportException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no report for epoch {epoch} within {timeout}");
    }

    /// <summary>The epoch that will close next.</summary>
    public ulong NextEpochToClose() => (ulong)((DateTimeOffset.UtcNow - Genesis).Ticks / EpochLength.Ticks);

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            await StopNodeAsync(i);
        }

        await anvil.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WriteReplayAsync(CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(Path.Combine(directory, "telemetry.jsonl"));
        var energy = new ulong[2];
        for (var t = Genesis.AddSeconds(-5); t < Genesis.AddMinutes(5); t = t.AddMilliseconds(500))
        {
            for (var gpu = 0; gpu < 2; gpu++)
            {
                energy[gpu] += 200_000; // 400 W for 0.5 s, in mJ
                await GpuSampleJsonLines.WriteAsync(writer, new GpuSample(t, $"GPU-{gpu}", gpu, 80, 400m, energy[gpu], "NVIDIA H100 80GB HBM3", "node-test"), cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Submits, except for the node and epoch the test chose to crash.</summary>
    private sealed class CrashingSubmitter(ReporterNetwork network, int node, IReportSubmitter inner) : IReportSubmitter
    {
        public Task SubmitAsync(OracleReport report, IReadOnlyList<ReportSignature> signatures, CancellationToken cancellationToken)
        {
            if (network.crash is { } c && c.Node == node && c.Epoch == report.Epoch)
            {
                network.Crashed.TrySetResult(report);
                throw new InvalidOperationException($"node {node} crashed before submitting epoch {report.Epoch}");
            }

            return inner.SubmitAsync(report, signatures, cancellationToken);
        }
    }

    /// <summary>A byzantine reporter: claims the pool is idle, always down, and delivered a million GPU-hours more.</summary>
    private sealed class LyingObservationSource(IObservationSource honest) : IObservationSource
    {
        public IReadOnlyList<byte[]> Pools => honest.Pools;

        public async Task<UtilizationObservation?> ObserveAsync(byte[] poolId, ulong epoch, CancellationToken cancellationToken) =>
            await honest.ObserveAsync(poolId, epoch, cancellationToken) is { } o
                ? o with { UtilizationBps = 0, UptimeBps = 0, DeliveredGpuHours = o.DeliveredGpuHours + 1_000_000, EnergyKwh = o.EnergyKwh * 1000 }
                : null;
    }
}

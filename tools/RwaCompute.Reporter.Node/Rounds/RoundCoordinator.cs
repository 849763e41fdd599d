using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Reporter.Node.Options;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Wallets;
using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>
/// Runs the rounds: for every pool, once an epoch has closed and the chain has no report for it yet, the node whose
/// turn it is (<see cref="LeaderSchedule"/>) leads; the others answer its requests through the HTTP API. A leader that
/// is down or fails simply lets its slot pass: after one round timeout the next reporter leads.
/// </summary>
public sealed partial class RoundCoordinator : BackgroundService
{
    private readonly RwaComputeClient client;
    private readonly RwaSigner signer;
    private readonly IObservationSource source;
    private readonly IEpochClock clock;
    private readonly RoundLeader leader;
    private readonly ReporterNodeOptions options;
    private readonly TimeProvider time;
    private readonly NodeMetrics metrics;
    private readonly ILogger logger;
    private readonly HashSet<(string Pool, ulong Epoch, ulong Attempt)> led = [];

    /// <summary>Creates the coordinator.</summary>
    /// <param name="client">The connected client.</param>
    /// <param name="signer">This reporter's key.</param>
    /// <param name="source">The pools and observations.</param>
    /// <param name="clock">The epoch schedule.</param>
    /// <param name="leader">Leads rounds.</param>
    /// <param name="options">The node's options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="logger">The logger.</param>
    public RoundCoordinator(RwaComputeClient client, RwaSigner signer, IObservationSource source, IEpochClock clock, RoundLeader leader, ReporterNodeOptions options, TimeProvider time, NodeMetrics metrics, ILogger<RoundCoordinator> logger)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.leader = leader ?? throw new ArgumentNullException(nameof(leader));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>When the node last completed a pass over its pools without an error (for <c>/health</c>).</summary>
    public DateTimeOffset? LastPass { get; private set; }

    /// <summary>The last error of a pass, if the last pass failed.</summary>
    public string? LastError { get; private set; }

    /// <summary>One pass over every pool: lead where it is this node's turn.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>Completes when the pass is done.</returns>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var epoch = clock.LastClosedEpoch(now);
        if (epoch is null or 0)
        {
            // The oracle numbers epochs from 1 (a stored epoch 0 means "no report").
            return;
        }

        // Forget rounds long past, so the memory of what this node led stays small.
        led.RemoveWhere(r => r.Epoch + 16 < epoch.Value);
        foreach (var poolId in source.Pools)
        {
            var state = await OracleState.ReadAsync(client, poolId, cancellationToken).ConfigureAwait(false);
            var pool = poolId.ToHex(true);
            metrics.LastEpoch.WithLabels(pool).Set(state.Latest?.Epoch ?? 0);
            if (state.Latest is { } latest && latest.Epoch >= epoch.Value)
            {
                continue;
            }

            var attempt = LeaderSchedule.AttemptAt(clock.EndOf(epoch.Value), now, options.RoundTimeout);
            var index = LeaderSchedule.LeaderIndex(epoch.Value, attempt, state.Reporters.Count);
            if (!string.Equals(state.Reporters[index], signer.Address, StringComparison.OrdinalIgnoreCase) || !led.Add((pool, epoch.Value, attempt)))
            {
                continue;
            }

            LogLeading(logger, pool, epoch.Value, attempt);
            await leader.LeadAsync(poolId, epoch.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                LastPass = time.GetUtcNow();
                LastError = null;
            }
            catch (Exception ex) when (ex is RwaComputeException or HttpRequestException or IOException or InvalidOperationException)
            {
                // The node keeps running through a flaky RPC endpoint; /health reports the error meanwhile.
                LastError = ex.Message;
                LogPassFailed(logger, ex.Message);
            }

            try
            {
                await Task.Delay(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leading pool {Pool}, epoch {Epoch} (attempt {Attempt})")]
    private static partial void LogLeading(ILogger logger, string pool, ulong epoch, ulong attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Round pass failed: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string reason);
}

using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Reporter.Node.Options;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>
/// A follower's side of a round: signs the leader's proposal only when (1) every piece of evidence is an authentic
/// observation of a distinct current reporter for that pool and epoch, at least the quorum of them; (2) the report is
/// exactly the aggregate of that evidence (recomputed here, so the leader cannot choose the numbers); (3) the report is
/// within tolerance of this node's own observation; (4) this node has not signed another report for the pool and
/// epoch (durable sign guard, checked last, right before signing).
/// </summary>
public sealed partial class ProposalReviewer
{
    private readonly RwaComputeClient client;
    private readonly RwaSigner signer;
    private readonly IObservationSource source;
    private readonly ISignGuard guard;
    private readonly ToleranceOptions tolerance;
    private readonly NodeMetrics metrics;
    private readonly ILogger logger;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Pool, ulong Epoch), ProposalMessage> signed = new();

    /// <summary>Creates the reviewer.</summary>
    /// <param name="client">The connected client (reads the oracle).</param>
    /// <param name="signer">This reporter's key.</param>
    /// <param name="source">This node's observations.</param>
    /// <param name="guard">The anti-double-sign store.</param>
    /// <param name="tolerance">How far a report may be from this node's observation.</param>
    /// <param name="metrics">The node's metrics.</param>
    /// <param name="logger">The logger (never logs keys).</param>
    public ProposalReviewer(RwaComputeClient client, RwaSigner signer, IObservationSource source, ISignGuard guard, ToleranceOptions tolerance, NodeMetrics metrics, ILogger<ProposalReviewer> logger)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        this.guard = guard ?? throw new ArgumentNullException(nameof(guard));
        this.tolerance = tolerance ?? throw new ArgumentNullException(nameof(tolerance));
        this.metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Reviews a proposal and signs it, or says why not.</summary>
    /// <param name="proposal">The leader's proposal.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The signature, or a refusal.</returns>
    public async Task<SignatureMessage> ReviewAsync(ProposalMessage proposal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        OracleReport report;
        List<ObservationEvidence> evidence;
        try
        {
            report = proposal.Report.ToReport();
            evidence = [.. proposal.Evidence.Select(e => e.ToEvidence())];
        }
        catch (FormatException ex)
        {
            return Refuse(null, 0, "malformed proposal: " + ex.Message);
        }

        var refusal = await CheckAsync(report, evidence, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return Refuse(report.PoolId, report.Epoch, refusal);
        }

        var digest = ReportDigest.Compute(client.Oracle.Domain, report);
        if (!await guard.TryRecordAsync(report.PoolId, report.Epoch, digest, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(report.PoolId, report.Epoch, "already signed a different report for this pool and epoch");
        }

        metrics.SignaturesGiven.Inc();
        var pool = report.PoolId.ToHex(true);
        Remember(pool, report.Epoch, proposal);
        LogSigned(logger, pool, report.Epoch);
        return new SignatureMessage(signer.Address, signer.SignDigest(digest).ToHex(true), null);
    }

    private async Task<string?> CheckAsync(OracleReport report, List<ObservationEvidence> evidence, CancellationToken cancellationToken)
    {
        var state = await OracleState.ReadAsync(client, report.PoolId, cancellationToken).ConfigureAwait(false);
        if (report.ConfigVersion != state.ConfigVersion)
        {
            return $"report is for configuration {report.ConfigVersion}, the oracle's is {state.ConfigVersion}";
        }

        if (evidence.Count < state.Quorum)
        {
            return $"{evidence.Count} observations, the quorum is {state.Quorum}";
        }

        var indexed = new List<ReporterObservation>(evidence.Count);
        foreach (var e in evidence)
        {
            if (!e.PoolId.AsSpan().SequenceEqual(report.PoolId) || e.Epoch != report.Epoch)
            {
                return $"evidence of {e.Reporter} is for another pool or epoch";
            }

            if (!e.Verify(client.Oracle.Domain))
            {
                return $"evidence of {e.Reporter} is not signed by it";
            }

            var index = state.IndexOf(e.Reporter);
            if (index < 0)
            {
                return $"{e.Reporter} is not a current reporter";
            }

            if (indexed.Any(x => x.ReporterIndex == index))
            {
                return $"{e.Reporter} appears twice in the evidence";
            }

            indexed.Add(new ReporterObservation(index, e.Observation));
        }

        var expected = ReportAggregator.Aggregate(report.PoolId, report.Epoch, state.ConfigVersion, indexed, state.Latest);
        if (expected != report)
        {
            return "the report is not the aggregate of its evidence";
        }

        var own = await source.ObserveAsync(report.PoolId, report.Epoch, cancellationToken).ConfigureAwait(false);
        if (own is null)
        {
            return "this node has no observation of the pool for the epoch";
        }

        return WithinTolerance(own, report);
    }

    /// <summary>The proposal this node signed for the pool and epoch since it started, if any: a later leader of the
    /// same epoch re-proposes it (the sign guard forbids signing anything else), so the epoch still lands when the
    /// leader that proposed it died before submitting.</summary>
    /// <param name="pool">The pool, 0x-hex (lower case).</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="proposal">The proposal.</param>
    /// <returns>Whether there is one.</returns>
    public bool TryGetSigned(string pool, ulong epoch, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProposalMessage? proposal) =>
        signed.TryGetValue((pool.ToLowerInvariant(), epoch), out proposal);

    /// <summary>Records a proposal this node signed (its own as a leader, too), keeping the last few epochs.</summary>
    /// <param name="pool">The pool, 0x-hex.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="proposal">The proposal.</param>
    internal void Remember(string pool, ulong epoch, ProposalMessage proposal)
    {
        signed[(pool.ToLowerInvariant(), epoch)] = proposal;
        foreach (var key in signed.Keys.Where(k => k.Epoch + 16 < epoch))
        {
            signed.TryRemove(key, out _);
        }
    }

    /// <summary>Null when <paramref name="report"/> is close enough to <paramref name="own"/>, else why not.</summary>
    internal string? WithinTolerance(UtilizationObservation own, OracleReport report)
    {
        if (Math.Abs(own.UtilizationBps - report.UtilizationBps) > tolerance.UtilizationBps)
        {
            return $"utilization {report.UtilizationBps} bps is more than {tolerance.UtilizationBps} bps from this node's {own.UtilizationBps}";
        }

        if (Math.Abs(own.UptimeBps - report.UptimeBps) > tolerance.UptimeBps)
        {
            return $"uptime {report.UptimeBps} bps is more than {tolerance.UptimeBps} bps from this node's {own.UptimeBps}";
        }

        foreach (var (name, mine, theirs) in new[] { ("delivered GPU-hours", own.DeliveredGpuHours, report.DeliveredGpuHours), ("energy", own.EnergyKwh, report.EnergyKwh), ("curtailed GPU-hours", own.CurtailedGpuHours, report.CurtailedGpuHours) })
        {
            var allowed = (ulong)(((UInt128)mine * (ulong)tolerance.CounterBps) / 10_000) + tolerance.CounterSlack;
            var difference = mine > theirs ? mine - theirs : theirs - mine;
            if (difference > allowed)
            {
                return $"{name} {theirs} is more than {allowed} from this node's {mine}";
            }
        }

        return null;
    }

    private SignatureMessage Refuse(byte[]? poolId, ulong epoch, string reason)
    {
        metrics.SignaturesRefused.Inc();
        var pool = poolId?.ToHex(true) ?? "?";
        LogRefused(logger, pool, epoch, reason);
        return new SignatureMessage(signer.Address, null, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed the report for pool {Pool}, epoch {Epoch}")]
    private static partial void LogSigned(ILogger logger, string pool, ulong epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to sign for pool {Pool}, epoch {Epoch}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string pool, ulong epoch, string reason);
}

using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Reporter.Node.Options;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Wallets;
using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>
/// The leader's side of a round: gathers signed observations (its own and its peers'), proposes their aggregate with
/// the observations as evidence, collects the followers' signatures and, with a quorum, submits the report.
/// </summary>
public sealed partial class RoundLeader
{
    private readonly RwaComputeClient client;
    private readonly RwaSigner signer;
    private readonly IObservationSource source;
    private readonly ISignGuard guard;
    private readonly PeerClient peers;
    private readonly ProposalReviewer reviewer;
    private readonly IReportSubmitter submitter;
    private readonly ReporterNodeOptions options;
    private readonly NodeMetrics metrics;
    private readonly ILogger logger;

    /// <summary>Creates the leader.</summary>
    /// <param name="client">The connected client (its signer pays for the submission).</param>
    /// <param name="signer">This reporter's key.</param>
    /// <param name="source">This node's observations.</param>
    /// <param name="guard">The anti-double-sign store.</param>
    /// <param name="peers">The peer client.</param>
    /// <param name="reviewer">This node's follower side (what it already signed this epoch).</param>
    /// <param name="submitter">Puts reports on-chain.</param>
    /// <param name="options">The node's options.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="logger">The logger.</param>
    public RoundLeader(RwaComputeClient client, RwaSigner signer, IObservationSource source, ISignGuard guard, PeerClient peers, ProposalReviewer reviewer, IReportSubmitter submitter, ReporterNodeOptions options, NodeMetrics metrics, ILogger<RoundLeader> logger)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        this.guard = guard ?? throw new ArgumentNullException(nameof(guard));
        this.peers = peers ?? throw new ArgumentNullException(nameof(peers));
        this.reviewer = reviewer ?? throw new ArgumentNullException(nameof(reviewer));
        this.submitter = submitter ?? throw new ArgumentNullException(nameof(submitter));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>This node's signed observation, for a leader that asks (or for itself).</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The evidence, or <see langword="null"/> when this node has no observation.</returns>
    public async Task<ObservationEvidence?> OwnEvidenceAsync(byte[] poolId, ulong epoch, CancellationToken cancellationToken)
    {
        var observation = await source.ObserveAsync(poolId, epoch, cancellationToken).ConfigureAwait(false);
        return observation is null ? null : ObservationEvidence.Sign(signer, client.Oracle.Domain, poolId, epoch, observation);
    }

    /// <summary>Leads one round for <paramref name="poolId"/> and <paramref name="epoch"/>.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>The submitted report, or <see langword="null"/> when no quorum was reached or the submission failed.</returns>
    public async Task<OracleReport?> LeadAsync(byte[] poolId, ulong epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        metrics.RoundsLed.Inc();
        var pool = poolId.ToHex(true);
        var state = await OracleState.ReadAsync(client, poolId, cancellationToken).ConfigureAwait(false);
        var own = await OwnEvidenceAsync(poolId, epoch, cancellationToken).ConfigureAwait(false);
        if (own is null)
        {
            LogNoObservation(logger, pool, epoch);
            return Failed();
        }

        // Gather: every peer's signed observation; only authentic ones of distinct current reporters count.
        var request = new ObservationRequest(pool, epoch);
        var answers = await Task.WhenAll(options.Peers.Where(p => p.Url is not null).Select(p => peers.ObservationAsync(p.Url!, request, cancellationToken))).ConfigureAwait(false);
        var evidence = new List<ObservationEvidence> { own };
        foreach (var answer in answers.OfType<ObservationMessage>())
        {
            ObservationEvidence e;
            try
            {
                e = answer.ToEvidence();
            }
            catch (FormatException)
            {
                continue;
            }

            if (e.Epoch == epoch && e.PoolId.AsSpan().SequenceEqual(poolId) && e.Verify(client.Oracle.Domain) && state.IndexOf(e.Reporter) >= 0
                && !evidence.Any(x => string.Equals(x.Reporter, e.Reporter, StringComparison.OrdinalIgnoreCase)))
            {
                evidence.Add(e);
            }
        }

        if (evidence.Count < state.Quorum)
        {
            LogNoQuorum(logger, pool, epoch, evidence.Count, state.Quorum);
            return Failed();
        }

        var report = ReportAggregator.Aggregate(poolId, epoch, state.ConfigVersion, [.. evidence.Select(e => new ReporterObservation(state.IndexOf(e.Reporter), e.Observation))], state.Latest);
        var proposal = new ProposalMessage(report.ToMessage(), [.. evidence.Select(e => e.ToMessage())]);
        var digest = ReportDigest.Compute(client.Oracle.Domain, report);
        if (!await guard.TryRecordAsync(poolId, epoch, digest, cancellationToken).ConfigureAwait(false))
        {
            // This node already signed another report for the epoch (a leader that died before submitting proposed
            // it): re-propose that one, which every node that signed it can sign again.
            if (!reviewer.TryGetSigned(pool, epoch, out var earlier))
            {
                LogAlreadySigned(logger, pool, epoch);
                return Failed();
            }

            LogReproposing(logger, pool, epoch);
            proposal = earlier;
            report = earlier.Report.ToReport();
            digest = ReportDigest.Compute(client.Oracle.Domain, report);
            if (!await guard.TryRecordAsync(poolId, epoch, digest, cancellationToken).ConfigureAwait(false))
            {
                return Failed();
            }
        }

        reviewer.Remember(pool, epoch, proposal);

        // Propose: followers recompute the aggregate from the evidence and check it against their own observation.
        var signatures = new List<ReportSignature> { new(signer.Address, signer.SignDigest(digest)) };
        metrics.SignaturesGiven.Inc();
        var votes = await Task.WhenAll(options.Peers.Where(p => p.Url is not null).Select(p => peers.SignatureAsync(p.Url!, proposal, cancellationToken))).ConfigureAwait(false);
        foreach (var vote in votes.OfType<SignatureMessage>().Where(v => v.Signature is not null))
        {
            try
            {
                var signature = vote.Signature!.HexToByteArray();
                var recovered = ReportSigner.RecoverSigner(client.Oracle.Domain, report, signature);
                if (string.Equals(recovered, vote.Signer, StringComparison.OrdinalIgnoreCase) && state.IndexOf(recovered) >= 0
                    && !signatures.Any(s => string.Equals(s.Signer, recovered, StringComparison.OrdinalIgnoreCase)))
                {
                    signatures.Add(new ReportSignature(recovered, signature));
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                // A garbled signature counts as a missing one.
            }
        }

        if (signatures.Count < state.Quorum)
        {
            LogNoQuorum(logger, pool, epoch, signatures.Count, state.Quorum);
            return Failed();
        }

        try
        {
            await submitter.SubmitAsync(report, signatures, cancellationToken).ConfigureAwait(false);
        }
        catch (RwaComputeException ex)
        {
            // Another leader may have landed the epoch first; the coordinator re-reads the chain either way.
            LogSubmitFailed(logger, pool, epoch, ex.Message);
            return Failed();
        }

        metrics.Submissions.Inc();
        LogSubmitted(logger, pool, epoch, signatures.Count);
        if (options.SyncInterruptibleLots)
        {
            await SyncCurtailmentAsync(poolId, pool, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>Counts the pool's curtailed GPU-hours against its live interruptible lot, if it has one. A failure is
    /// logged, never fatal: the report is on-chain and anyone can sync later.</summary>
    private async Task SyncCurtailmentAsync(byte[] poolId, string pool, CancellationToken cancellationToken)
    {
        try
        {
            if (await client.Curtailment.LiveLotAsync(poolId, cancellationToken).ConfigureAwait(false) is not { } lotId)
            {
                return;
            }

            var synced = await client.Curtailment.SyncAsync(poolId, cancellationToken).ConfigureAwait(false);
            metrics.CurtailmentSyncs.Inc();
            if (logger.IsEnabled(LogLevel.Information))
            {
                var lot = LotIds.ToHex(lotId);
                LogCurtailmentSynced(logger, pool, synced.Value, lot);
            }
        }
        catch (RwaComputeException ex)
        {
            LogCurtailmentSyncFailed(logger, pool, ex.Message);
        }
    }

    private OracleReport? Failed()
    {
        metrics.SubmissionFailures.Inc();
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No observation of pool {Pool} for epoch {Epoch}; not leading")]
    private static partial void LogNoObservation(ILogger logger, string pool, ulong epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}, epoch {Epoch}: {Count} of the {Quorum} needed")]
    private static partial void LogNoQuorum(ILogger logger, string pool, ulong epoch, int count, int quorum);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}, epoch {Epoch}: this node already signed another report")]
    private static partial void LogAlreadySigned(ILogger logger, string pool, ulong epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}, epoch {Epoch}: re-proposing the report this node already signed")]
    private static partial void LogReproposing(ILogger logger, string pool, ulong epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}: synced {Hours} curtailed GPU-hours against interruptible lot {LotId}")]
    private static partial void LogCurtailmentSynced(ILogger logger, string pool, ulong hours, string lotId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: curtailment sync failed (anyone may sync later): {Reason}")]
    private static partial void LogCurtailmentSyncFailed(ILogger logger, string pool, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}, epoch {Epoch}: submission failed: {Reason}")]
    private static partial void LogSubmitFailed(ILogger logger, string pool, ulong epoch, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submitted pool {Pool}, epoch {Epoch} with {Signatures} signatures")]
    private static partial void LogSubmitted(ILogger logger, string pool, ulong epoch, int signatures);
}

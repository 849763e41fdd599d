using Prometheus;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>The node's Prometheus metrics (served at <c>/metrics</c>), in their own registry so that several nodes
/// can run in one process (tests).</summary>
public sealed class NodeMetrics
{
    /// <summary>Creates the metrics in a new registry.</summary>
    public NodeMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        RoundsLed = factory.CreateCounter("rwa_reporter_rounds_led_total", "Rounds this node led (proposals sent).");
        ObservationsServed = factory.CreateCounter("rwa_reporter_observations_served_total", "Signed observations given to leaders.");
        SignaturesGiven = factory.CreateCounter("rwa_reporter_signatures_total", "Reports this node signed.");
        SignaturesRefused = factory.CreateCounter("rwa_reporter_signatures_refused_total", "Proposals this node refused to sign.");
        Submissions = factory.CreateCounter("rwa_reporter_submissions_total", "Reports this node submitted on-chain.");
        SubmissionFailures = factory.CreateCounter("rwa_reporter_submission_failures_total", "Rounds this node led that did not end on-chain.");
        CurtailmentSyncs = factory.CreateCounter("rwa_reporter_curtailment_syncs_total", "Interruptible lots this node synced after submitting their pool's report.");
        LastEpoch = factory.CreateGauge("rwa_reporter_last_epoch", "The last epoch stored on-chain per pool, as this node last saw it.", "pool");
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Rounds led.</summary>
    public Counter RoundsLed { get; }

    /// <summary>Observations served to leaders.</summary>
    public Counter ObservationsServed { get; }

    /// <summary>Signatures given.</summary>
    public Counter SignaturesGiven { get; }

    /// <summary>Proposals refused.</summary>
    public Counter SignaturesRefused { get; }

    /// <summary>Reports submitted.</summary>
    public Counter Submissions { get; }

    /// <summary>Rounds that failed.</summary>
    public Counter SubmissionFailures { get; }

    /// <summary>Interruptible lots synced after a submission.</summary>
    public Counter CurtailmentSyncs { get; }

    /// <summary>Last stored epoch per pool.</summary>
    public Gauge LastEpoch { get; }
}

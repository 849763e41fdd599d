namespace RwaCompute.Reporter.Telemetry.Prometheus;

/// <summary>A parsed Prometheus text exposition: its samples and the metric types its <c># TYPE</c> lines declared.</summary>
/// <param name="Samples">The samples, in the order written.</param>
/// <param name="Types">Metric name → declared type (<c>gauge</c>, <c>counter</c>, …).</param>
public sealed record PrometheusExposition(IReadOnlyList<PrometheusSample> Samples, IReadOnlyDictionary<string, string> Types);

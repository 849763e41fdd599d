namespace RwaCompute.Sdk.Oracle;

/// <summary>An observation and the position of its reporter in the oracle's reporter set (<c>reporters()</c>).</summary>
/// <param name="ReporterIndex">The reporter's 0-based position (bit of the report's observer bitmap).</param>
/// <param name="Observation">What it measured.</param>
public sealed record ReporterObservation(int ReporterIndex, UtilizationObservation Observation);

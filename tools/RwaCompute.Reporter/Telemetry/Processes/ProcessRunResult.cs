namespace RwaCompute.Reporter.Telemetry.Processes;

/// <summary>How a finished process ended and what it printed.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
public sealed record ProcessRunResult(int ExitCode, string StandardOutput, string StandardError);

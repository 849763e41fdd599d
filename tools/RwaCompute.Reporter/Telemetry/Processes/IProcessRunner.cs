namespace RwaCompute.Reporter.Telemetry.Processes;

/// <summary>Runs a program to completion. The seam that lets tests hand nvidia-smi captures to the scraper instead
/// of running a GPU tool.</summary>
public interface IProcessRunner
{
    /// <summary>Runs a program and waits for it to exit.</summary>
    /// <param name="fileName">The program (a path, or a name looked up on PATH).</param>
    /// <param name="arguments">Its arguments, passed as separate arguments (no shell).</param>
    /// <param name="timeout">How long it may run; it is killed after that.</param>
    /// <param name="cancellationToken">Kills it when cancelled.</param>
    /// <returns>Its exit code and output.</returns>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>.</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">It could not be started.</exception>
    Task<ProcessRunResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken);
}

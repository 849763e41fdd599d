using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RwaCompute.Reporter.Telemetry.Processes;

namespace RwaCompute.Reporter.Telemetry.NvidiaSmi;

/// <summary>
/// Reads every GPU of the host by running nvidia-smi once (<see cref="NvidiaSmiQuery.Arguments"/>). A GPU row that does
/// not parse (a GPU that fell off the bus prints an error line instead of its row) is logged and left out, so only
/// that GPU goes down; the scrape fails only when no GPU row could be read.
/// </summary>
public sealed partial class NvidiaSmiScraper : ITelemetryScraper
{
    private readonly IProcessRunner runner;
    private readonly string executablePath;
    private readonly TimeZoneInfo timeZone;
    private readonly TimeSpan timeout;
    private readonly string? hostname;
    private readonly ILogger logger;

    /// <summary>Creates the scraper.</summary>
    /// <param name="runner">Runs nvidia-smi (<see cref="SystemProcessRunner"/> in production).</param>
    /// <param name="executablePath">The nvidia-smi program.</param>
    /// <param name="timeZone">The zone the host prints timestamps in.</param>
    /// <param name="timeout">How long one run may take.</param>
    /// <param name="hostname">The host name copied to each sample, if any.</param>
    /// <param name="logger">Where rejected lines are reported.</param>
    public NvidiaSmiScraper(IProcessRunner runner, string executablePath, TimeZoneInfo timeZone, TimeSpan timeout, string? hostname = null, ILogger<NvidiaSmiScraper>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentException.ThrowIfNullOrEmpty(executablePath);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        this.runner = runner;
        this.executablePath = executablePath;
        this.timeZone = timeZone;
        this.timeout = timeout;
        this.hostname = hostname;
        this.logger = logger ?? NullLogger<NvidiaSmiScraper>.Instance;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GpuSample>> ScrapeAsync(CancellationToken cancellationToken)
    {
        ProcessRunResult run;
        try
        {
            run = await this.runner.RunAsync(this.executablePath, NvidiaSmiQuery.Arguments, this.timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new TelemetryScrapeException(exception.Message, exception);
        }
        catch (Win32Exception exception)
        {
            throw new TelemetryScrapeException($"'{this.executablePath}' could not be started: {exception.Message}", exception);
        }

        var result = NvidiaSmiCsvParser.Parse(run.StandardOutput, this.timeZone, this.hostname);
        foreach (var error in result.Errors)
        {
            this.LogRejectedLine(error.LineNumber, error.Line, error.Reason);
        }

        if (result.Samples.Count == 0)
        {
            throw new TelemetryScrapeException(string.Create(
                CultureInfo.InvariantCulture,
                $"nvidia-smi exited with {run.ExitCode} and printed no GPU row. {Tail(run.StandardError, 400)}"));
        }

        return result.Samples;
    }

    private static string Tail(string text, int length) =>
        text.Length <= length ? text.Trim() : "…" + text[^length..].Trim();

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "nvidia-smi line {LineNumber} is not a GPU row ({Reason}): {Line}")]
    private partial void LogRejectedLine(int lineNumber, string line, string reason);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RwaCompute.Reporter.Telemetry;

namespace RwaCompute.Reporter.Node.Measurement;

/// <summary>Feeds the telemetry source's samples into the <see cref="SampleBuffer"/> for as long as the node runs.</summary>
public sealed partial class TelemetryPump : BackgroundService
{
    private readonly ITelemetrySource source;
    private readonly SampleBuffer buffer;
    private readonly ILogger logger;

    /// <summary>Creates the pump.</summary>
    /// <param name="source">nvidia-smi, dcgm-exporter or a replay.</param>
    /// <param name="buffer">Where samples go.</param>
    /// <param name="logger">The logger.</param>
    public TelemetryPump(ITelemetrySource source, SampleBuffer buffer, ILogger<TelemetryPump> logger)
    {
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        this.buffer = buffer ?? throw new ArgumentNullException(nameof(buffer));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var sample in source.ReadSamplesAsync(stoppingToken).ConfigureAwait(false))
            {
                buffer.Add(sample);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is TelemetryFormatException or IOException or HttpRequestException)
        {
            // No samples from here on: the GPUs count as down, which is what the reports must say.
            LogSourceFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The telemetry source stopped: {Reason}; GPUs count as down")]
    private static partial void LogSourceFailed(ILogger logger, string reason);
}

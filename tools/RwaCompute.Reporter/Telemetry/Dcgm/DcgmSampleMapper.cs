using System.Globalization;
using RwaCompute.Reporter.Telemetry.Prometheus;

namespace RwaCompute.Reporter.Telemetry.Dcgm;

/// <summary>
/// Turns one dcgm-exporter exposition into one <see cref="GpuSample"/> per GPU, grouping the three metrics of
/// <see cref="DcgmFields"/> by the <c>UUID</c> label.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A sample's timestamp is the oldest explicit timestamp among its GPU's metrics, else the scrape time: the
/// conservative choice, so a metric the exporter stopped refreshing makes the reading stale rather than fresh.</item>
/// <item>NaN, ±Inf and out-of-range values (utilization outside 0..100, negative power or energy) become
/// <see langword="null"/> for that field; the GPU's other fields are kept.</item>
/// <item>Series without a <c>UUID</c> label, and MIG instance series (<c>GPU_I_ID</c>), are ignored; when a metric
/// appears twice for one GPU the first series counts.</item>
/// <item>The energy counter is passed through as read; resets are handled where deltas are taken (the observation
/// calculator), not here.</item>
/// </list>
/// </remarks>
public static class DcgmSampleMapper
{
    /// <summary>Maps an exposition to samples.</summary>
    /// <param name="exposition">The parsed scrape.</param>
    /// <param name="scrapedAt">When the scrape was taken; the timestamp of metrics that carry none.</param>
    /// <returns>One sample per GPU, ordered by GPU index then UUID.</returns>
    public static IReadOnlyList<GpuSample> ToGpuSamples(PrometheusExposition exposition, DateTimeOffset scrapedAt)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var gpus = new Dictionary<string, GpuReading>(StringComparer.OrdinalIgnoreCase);
        foreach (var sample in exposition.Samples)
        {
            if (sample.Name is not (DcgmFields.GpuUtilization or DcgmFields.PowerUsage or DcgmFields.TotalEnergyConsumption))
            {
                continue;
            }

            var uuid = sample.Label(DcgmFields.UuidLabel);
            if (string.IsNullOrEmpty(uuid) || sample.Label(DcgmFields.MigInstanceLabel) is not null)
            {
                continue;
            }

            if (!gpus.TryGetValue(uuid, out var reading))
            {
                reading = new GpuReading(uuid, sample);
                gpus.Add(uuid, reading);
            }

            reading.Add(sample);
        }

        return gpus.Values
            .Select(reading => reading.ToSample(scrapedAt))
            .OrderBy(sample => sample.GpuIndex ?? int.MaxValue)
            .ThenBy(sample => sample.GpuUuid, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The metrics of one GPU collected so far.</summary>
    private sealed class GpuReading(string uuid, PrometheusSample first)
    {
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);
        private long? oldestTimestamp;
        private byte? utilization;
        private decimal? power;
        private ulong? energy;

        public void Add(PrometheusSample sample)
        {
            if (!this.seen.Add(sample.Name))
            {
                return;
            }

            if (sample.TimestampMilliseconds is { } ms)
            {
                this.oldestTimestamp = Math.Min(this.oldestTimestamp ?? long.MaxValue, ms);
            }

            if (sample.Value is not { } value)
            {
                return;
            }

            switch (sample.Name)
            {
                case DcgmFields.GpuUtilization:
                    _ = TelemetryValues.TryUtilization(value, out this.utilization, out _);
                    break;
                case DcgmFields.PowerUsage:
                    _ = TelemetryValues.TryPower(value, out this.power, out _);
                    break;
                default:
                    _ = TelemetryValues.TryEnergy(value, out this.energy, out _);
                    break;
            }
        }

        public GpuSample ToSample(DateTimeOffset scrapedAt)
        {
            var timestamp = this.oldestTimestamp is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : scrapedAt;
            int? index = int.TryParse(first.Label(DcgmFields.GpuLabel), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            return new GpuSample(
                timestamp,
                uuid,
                index,
                this.utilization,
                this.power,
                this.energy,
                first.Label(DcgmFields.ModelNameLabel),
                first.Label(DcgmFields.HostnameLabel));
        }
    }
}

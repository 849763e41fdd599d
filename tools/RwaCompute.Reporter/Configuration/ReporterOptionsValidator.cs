using System.Globalization;
using Microsoft.Extensions.Options;
using RwaCompute.Reporter.Pools;

namespace RwaCompute.Reporter.Configuration;

/// <summary>
/// Checks <see cref="ReporterOptions"/> as a whole and reports every problem at once: a node with a wrong GPU list or
/// staleness would sign wrong figures, so it must not start. Rules: a database path; a positive sampling interval and
/// a staleness of at least one interval (whole milliseconds); an epoch length of at least a second and at least one
/// interval, and a genesis in whole milliseconds; the chosen source's settings; at least one pool, each with a valid
/// and unique pool id, at least one GPU, no GPU listed twice (in a pool or across pools), and curtailment windows
/// that end after they start.
/// </summary>
public sealed class ReporterOptionsValidator : IValidateOptions<ReporterOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ReporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add("DatabasePath is required.");
        }

        ValidateTiming(options, failures);
        ValidateSource(options, failures);
        ValidatePools(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTiming(ReporterOptions options, List<string> failures)
    {
        if (options.SamplingInterval <= TimeSpan.Zero || !IsWholeMilliseconds(options.SamplingInterval))
        {
            failures.Add("SamplingInterval must be positive whole milliseconds.");
        }

        if (!IsWholeMilliseconds(options.Staleness) || options.Staleness < options.SamplingInterval || options.Staleness <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"Staleness ({options.Staleness}) must be whole milliseconds and at least the SamplingInterval ({options.SamplingInterval})."));
        }

        var epochs = options.Epochs;
        if (epochs is null)
        {
            failures.Add("Epochs is required.");
            return;
        }

        if (epochs.Length < TimeSpan.FromSeconds(1) || !IsWholeMilliseconds(epochs.Length) || epochs.Length < options.SamplingInterval)
        {
            failures.Add(Invariant($"Epochs:Length ({epochs.Length}) must be whole milliseconds, at least 1 s and at least the SamplingInterval."));
        }

        if (epochs.Genesis.UtcTicks % TimeSpan.TicksPerMillisecond != 0)
        {
            failures.Add("Epochs:Genesis must be whole milliseconds.");
        }
    }

    private static void ValidateSource(ReporterOptions options, List<string> failures)
    {
        switch (options.Source)
        {
            case TelemetrySourceKind.NvidiaSmi:
                var smi = options.NvidiaSmi;
                if (smi is null || string.IsNullOrWhiteSpace(smi.ExecutablePath))
                {
                    failures.Add("NvidiaSmi:ExecutablePath is required when Source is NvidiaSmi.");
                    break;
                }

                if (!TimeZoneInfo.TryFindSystemTimeZoneById(smi.TimeZone ?? string.Empty, out _))
                {
                    failures.Add($"NvidiaSmi:TimeZone '{smi.TimeZone}' is not a time zone known to this host.");
                }

                if (smi.Timeout <= TimeSpan.Zero)
                {
                    failures.Add("NvidiaSmi:Timeout must be positive.");
                }

                break;
            case TelemetrySourceKind.DcgmExporter:
                var dcgm = options.DcgmExporter;
                if (dcgm?.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    failures.Add("DcgmExporter:Url must be an absolute http(s) URL when Source is DcgmExporter.");
                }

                if (dcgm is not null && dcgm.Timeout <= TimeSpan.Zero)
                {
                    failures.Add("DcgmExporter:Timeout must be positive.");
                }

                break;
            case TelemetrySourceKind.Replay:
                if (string.IsNullOrWhiteSpace(options.Replay?.Path))
                {
                    failures.Add("Replay:Path is required when Source is Replay.");
                }

                break;
            default:
                failures.Add($"Source '{options.Source}' is not one of NvidiaSmi, DcgmExporter, Replay.");
                break;
        }
    }

    private static void ValidatePools(ReporterOptions options, List<string> failures)
    {
        if (options.Pools.Count == 0)
        {
            failures.Add("Pools must list at least one pool.");
            return;
        }

        var poolIds = new Dictionary<PoolId, int>();
        var gpuOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Pools.Count; i++)
        {
            var pool = options.Pools[i];
            var where = Invariant($"Pools:{i}");
            if (!PoolId.TryParse(pool.PoolId, out var poolId, out var error))
            {
                failures.Add($"{where}:PoolId: {error}");
            }
            else if (!poolIds.TryAdd(poolId, i))
            {
                failures.Add(Invariant($"{where}:PoolId '{pool.PoolId}' is the same pool as Pools:{poolIds[poolId]}."));
            }

            if (pool.GpuUuids.Count == 0)
            {
                failures.Add($"{where}:GpuUuids must list at least one GPU.");
            }

            foreach (var uuid in pool.GpuUuids)
            {
                if (string.IsNullOrWhiteSpace(uuid))
                {
                    failures.Add($"{where}:GpuUuids has an empty entry.");
                }
                else if (!gpuOwners.TryAdd(uuid, where))
                {
                    failures.Add($"{where}:GpuUuids: {uuid} is already listed in {gpuOwners[uuid]}; a GPU belongs to one pool once.");
                }
            }

            for (var w = 0; w < pool.CurtailmentWindows.Count; w++)
            {
                var window = pool.CurtailmentWindows[w];
                if (window.End <= window.Start)
                {
                    failures.Add(Invariant($"{where}:CurtailmentWindows:{w} ends ({window.End:O}) before or when it starts ({window.Start:O})."));
                }
            }
        }
    }

    private static bool IsWholeMilliseconds(TimeSpan value) => value.Ticks % TimeSpan.TicksPerMillisecond == 0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

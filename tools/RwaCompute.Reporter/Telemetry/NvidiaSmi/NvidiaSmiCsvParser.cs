using System.Globalization;

namespace RwaCompute.Reporter.Telemetry.NvidiaSmi;

/// <summary>
/// Parses the output of <c>nvidia-smi --query-gpu=timestamp,index,uuid,name,utilization.gpu,power.draw
/// --format=csv,noheader,nounits</c>: one line per GPU, fields separated by <c>", "</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Any value nvidia-smi prints in brackets (<c>[N/A]</c>, <c>[Not Supported]</c>, <c>[Unknown Error]</c>,
/// <c>[GPU requires reset]</c>, …) or a bare <c>N/A</c> becomes <see langword="null"/>, never zero.</item>
/// <item>The timestamp (<c>yyyy/MM/dd HH:mm:ss.fff</c>) is the host's local time without a zone; it is read in the
/// configured time zone (UTC by default; reporter hosts should run in UTC). A local time that does not exist (the
/// hour skipped by a daylight-saving change) makes the line an error.</item>
/// <item>Utilization is whole percent; a fractional value is truncated towards zero; outside 0..100 is an error.
/// Power is decimal watts, never negative.</item>
/// <item>A line that is not a GPU row (wrong column count, a bad number, no UUID) is reported in
/// <see cref="NvidiaSmiCsvResult.Errors"/> and the other GPUs are still read: one broken GPU must not mark the
/// whole node down. A header line (<c>timestamp, index, …</c>) and blank lines are skipped.</item>
/// </list>
/// </remarks>
public static class NvidiaSmiCsvParser
{
    private const string TimestampFormat = "yyyy/MM/dd HH:mm:ss.fff";

    /// <summary>Parses nvidia-smi CSV output.</summary>
    /// <param name="output">Standard output of the query.</param>
    /// <param name="timeZone">The zone the host prints its timestamps in.</param>
    /// <param name="hostname">The host the GPUs are in, copied to every sample (nvidia-smi does not print it).</param>
    /// <returns>The samples and the rejected lines.</returns>
    public static NvidiaSmiCsvResult Parse(string output, TimeZoneInfo timeZone, string? hostname = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeZone);
        var samples = new List<GpuSample>();
        var errors = new List<NvidiaSmiLineError>();
        var lineNumber = 0;
        foreach (var rawLine in output.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("timestamp", StringComparison.Ordinal))
            {
                continue;
            }

            if (TryParseLine(line, timeZone, hostname, out var sample, out var reason))
            {
                samples.Add(sample);
            }
            else
            {
                errors.Add(new NvidiaSmiLineError(lineNumber, line, reason));
            }
        }

        return new NvidiaSmiCsvResult(samples, errors);
    }

    private static bool TryParseLine(string line, TimeZoneInfo timeZone, string? hostname, out GpuSample sample, out string reason)
    {
        sample = null!;
        var fields = line.Split(',');
        if (fields.Length != NvidiaSmiQuery.ColumnCount)
        {
            reason = $"expected {NvidiaSmiQuery.ColumnCount} comma-separated fields, found {fields.Length}.";
            return false;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = fields[i].Trim();
        }

        if (!DateTime.TryParseExact(fields[0], TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            reason = $"timestamp '{fields[0]}' is not {TimestampFormat}.";
            return false;
        }

        if (timeZone.IsInvalidTime(local))
        {
            reason = $"timestamp '{fields[0]}' does not exist in time zone {timeZone.Id}.";
            return false;
        }

        var timestamp = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, timeZone), TimeSpan.Zero);
        int? index = null;
        if (!IsUnavailable(fields[1]))
        {
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsedIndex))
            {
                reason = $"index '{fields[1]}' is not a number.";
                return false;
            }

            index = parsedIndex;
        }

        var uuid = fields[2];
        if (IsUnavailable(uuid) || uuid.Length == 0)
        {
            reason = "the GPU has no UUID.";
            return false;
        }

        var name = IsUnavailable(fields[3]) || fields[3].Length == 0 ? null : fields[3];
        if (!TelemetryValues.TryParseUtilization(fields[4], IsUnavailable(fields[4]), out var utilization, out reason)
            || !TelemetryValues.TryParsePower(fields[5], IsUnavailable(fields[5]), out var power, out reason))
        {
            return false;
        }

        sample = new GpuSample(timestamp, uuid, index, utilization, power, EnergyMillijoules: null, name, hostname);
        reason = string.Empty;
        return true;
    }

    private static bool IsUnavailable(string field) =>
        (field.StartsWith('[') && field.EndsWith(']')) || field.Equals("N/A", StringComparison.OrdinalIgnoreCase);
}

namespace RwaCompute.Reporter.Telemetry.Prometheus;

/// <summary>One sample line of a Prometheus text exposition.</summary>
/// <param name="Name">The metric name.</param>
/// <param name="Labels">The labels, unescaped, in the order written.</param>
/// <param name="RawValue">The value as written (<c>612.45</c>, <c>3.1e+09</c>, <c>NaN</c>, <c>+Inf</c>).</param>
/// <param name="Value">The value as a decimal, or <see langword="null"/> for NaN, ±Inf and numbers a decimal cannot
/// hold; never a binary floating-point approximation.</param>
/// <param name="TimestampMilliseconds">The optional timestamp, milliseconds since the Unix epoch.</param>
public sealed record PrometheusSample(
    string Name,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    string RawValue,
    decimal? Value,
    long? TimestampMilliseconds)
{
    /// <summary>A label's value, or <see langword="null"/> when the sample does not carry it.</summary>
    /// <param name="name">The label name (case-sensitive, as Prometheus label names are).</param>
    /// <returns>The value.</returns>
    public string? Label(string name)
    {
        foreach (var label in this.Labels)
        {
            if (string.Equals(label.Key, name, StringComparison.Ordinal))
            {
                return label.Value;
            }
        }

        return null;
    }
}

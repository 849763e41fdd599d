using System.Globalization;
using System.Text;

namespace RwaCompute.Reporter.Telemetry.Prometheus;

/// <summary>
/// Parses the Prometheus text exposition format (version 0.0.4), the format dcgm-exporter serves on <c>/metrics</c>:
/// <code>
/// # HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).
/// # TYPE DCGM_FI_DEV_POWER_USAGE gauge
/// DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-…",modelName="NVIDIA H100 80GB HBM3"} 612.45 1764417600123
/// </code>
/// </summary>
/// <remarks>
/// Blank lines and comments are skipped; <c># TYPE</c> lines are kept. Label values unescape <c>\\</c>, <c>\"</c> and
/// <c>\n</c>; a trailing comma in the label set is allowed. Values are read as <see cref="decimal"/>
/// (<c>NaN</c>, <c>±Inf</c> and out-of-range numbers become <see langword="null"/>), timestamps as integer
/// milliseconds. Like Prometheus itself, a malformed line rejects the whole exposition: the output of an exporter
/// that writes a broken line cannot be trusted for the others either.
/// </remarks>
public static class PrometheusTextParser
{
    /// <summary>Parses an exposition.</summary>
    /// <param name="text">The response body.</param>
    /// <returns>The samples and declared types.</returns>
    /// <exception cref="TelemetryFormatException">A line is not in the format.</exception>
    public static PrometheusExposition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r').Trim(' ', '\t');
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                ReadComment(line, types);
                continue;
            }

            samples.Add(new LineReader(line, lineNumber).ReadSample());
        }

        return new PrometheusExposition(samples, types);
    }

    private static void ReadComment(string line, Dictionary<string, string> types)
    {
        var parts = line[1..].Split([' ', '\t'], 4, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 3 && parts[0] == "TYPE")
        {
            types[parts[1]] = parts[2];
        }
    }

    /// <summary>A cursor over one sample line.</summary>
    private sealed class LineReader(string line, int lineNumber)
    {
        private int position;

        public PrometheusSample ReadSample()
        {
            var name = this.ReadName(metric: true);
            var labels = new List<KeyValuePair<string, string>>();
            this.SkipBlanks();
            if (this.Peek() == '{')
            {
                this.position++;
                this.ReadLabels(labels);
            }

            this.SkipBlanks();
            var rawValue = this.ReadToken();
            if (rawValue.Length == 0)
            {
                throw this.Error($"sample '{name}' has no value.");
            }

            var value = ParseValue(rawValue) ?? (IsSpecial(rawValue) ? null : throw this.Error($"'{rawValue}' is not a number."));
            this.SkipBlanks();
            long? timestamp = null;
            var rawTimestamp = this.ReadToken();
            if (rawTimestamp.Length > 0)
            {
                timestamp = long.TryParse(rawTimestamp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                    ? ms
                    : throw this.Error($"timestamp '{rawTimestamp}' is not integer milliseconds.");
            }

            this.SkipBlanks();
            if (this.position < line.Length)
            {
                throw this.Error($"unexpected text after the sample: '{line[this.position..]}'.");
            }

            return new PrometheusSample(name, labels, rawValue, value, timestamp);
        }

        private static decimal? ParseValue(string raw) =>
            decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

        // NaN and ±Inf as Go's ParseFloat spells them, and numbers too large for a decimal: valid, but not a reading.
        private static bool IsSpecial(string raw) =>
            raw.TrimStart('+', '-').ToUpperInvariant() is "NAN" or "INF" or "INFINITY"
            || double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

        private void ReadLabels(List<KeyValuePair<string, string>> labels)
        {
            while (true)
            {
                this.SkipBlanks();
                if (this.Peek() == '}')
                {
                    this.position++;
                    return;
                }

                var labelName = this.ReadName(metric: false);
                this.SkipBlanks();
                this.Expect('=');
                this.SkipBlanks();
                this.Expect('"');
                labels.Add(new KeyValuePair<string, string>(labelName, this.ReadLabelValue()));
                this.SkipBlanks();
                if (this.Peek() == ',')
                {
                    this.position++;
                }
                else if (this.Peek() != '}')
                {
                    throw this.Error("expected ',' or '}' after a label.");
                }
            }
        }

        private string ReadLabelValue()
        {
            var value = new StringBuilder();
            while (this.position < line.Length)
            {
                var c = line[this.position++];
                if (c == '"')
                {
                    return value.ToString();
                }

                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                if (this.position >= line.Length)
                {
                    break;
                }

                var escaped = line[this.position++];
                value.Append(escaped switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    _ => throw this.Error($"unknown escape '\\{escaped}' in a label value."),
                });
            }

            throw this.Error("unterminated label value.");
        }

        private string ReadName(bool metric)
        {
            var start = this.position;
            while (this.position < line.Length && IsNameChar(line[this.position], this.position == start, metric))
            {
                this.position++;
            }

            return this.position > start
                ? line[start..this.position]
                : throw this.Error(metric ? "expected a metric name." : "expected a label name.");
        }

        private static bool IsNameChar(char c, bool first, bool metric) =>
            char.IsAsciiLetter(c) || c == '_' || (metric && c == ':') || (!first && char.IsAsciiDigit(c));

        private string ReadToken()
        {
            var start = this.position;
            while (this.position < line.Length && line[this.position] is not (' ' or '\t'))
            {
                this.position++;
            }

            return line[start..this.position];
        }

        private void SkipBlanks()
        {
            while (this.position < line.Length && line[this.position] is ' ' or '\t')
            {
                this.position++;
            }
        }

        private char Peek() => this.position < line.Length ? line[this.position] : '\0';

        private void Expect(char expected)
        {
            if (this.Peek() != expected)
            {
                throw this.Error($"expected '{expected}'.");
            }

            this.position++;
        }

        private TelemetryFormatException Error(string message) => new(lineNumber, message);
    }
}

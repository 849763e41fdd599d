using System.Globalization;
using System.Xml;

namespace RwaCompute.Cli.Parsing;

/// <summary>
/// Times on the command line: a duration from now (chain time) — <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>,
/// <c>2w</c> or ISO-8601 <c>P7DT12H</c> — or an absolute ISO-8601 time (<c>2026-12-01T00:00:00Z</c>). Parsed without a
/// clock into a <see cref="TimeSpec"/>: the chain's time is applied when the command runs.
/// </summary>
internal static class TimeText
{
    /// <summary>Parses a time; a duration stays relative until <see cref="TimeSpec.ResolveAt"/> is given the chain
    /// time.</summary>
    /// <param name="text">The text.</param>
    /// <param name="option">The option.</param>
    /// <returns>The time.</returns>
    /// <exception cref="CliInputException">Neither a positive duration nor an ISO-8601 time.</exception>
    public static TimeSpec Parse(string? text, string option)
    {
        var value = text?.Trim() ?? string.Empty;
        if (TryDuration(value, out var duration))
        {
            return duration <= TimeSpan.Zero
                ? throw new CliInputException(option, $"'{text}' must be a positive duration.")
                : TimeSpec.FromNow(duration);
        }

        if (value.Contains('T', StringComparison.Ordinal) || value.Contains('-', StringComparison.Ordinal))
        {
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute))
            {
                return TimeSpec.At(absolute);
            }
        }

        throw new CliInputException(option, $"'{text}' is not a time: use a duration like 7d, 12h, 30m, P7D, or an ISO-8601 time like 2026-12-01T00:00:00Z.");
    }

    private static bool TryDuration(string value, out TimeSpan duration)
    {
        duration = default;
        if (value.Length >= 2 && char.IsAsciiLetter(value[^1]) && value[..^1].All(char.IsAsciiDigit) && value[0] != 'P')
        {
            // A parser must not throw anything but its usage error: an amount too large for a long or a TimeSpan is
            // simply not a duration.
            if (!long.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            TimeSpan? unit = char.ToLowerInvariant(value[^1]) switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                'w' => TimeSpan.FromDays(7),
                _ => null,
            };
            if (unit is null || amount > 100L * 365 * 86_400 || amount > TimeSpan.MaxValue.Ticks / unit.Value.Ticks)
            {
                return false;
            }

            duration = unit.Value * amount;
            return true;
        }

        if (value.StartsWith('P'))
        {
            try
            {
                duration = XmlConvert.ToTimeSpan(value);
                return true;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return false;
            }
        }

        return false;
    }
}

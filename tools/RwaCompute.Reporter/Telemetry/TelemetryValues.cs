using System.Globalization;

namespace RwaCompute.Reporter.Telemetry;

/// <summary>The value rules every source shares, so a reading means the same whichever collector took it.</summary>
internal static class TelemetryValues
{
    /// <summary>Utilization: whole percent 0..100; a fraction is truncated towards zero.</summary>
    public static bool TryParseUtilization(string text, bool unavailable, out byte? percent, out string reason)
    {
        percent = null;
        reason = string.Empty;
        if (unavailable)
        {
            return true;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            reason = $"utilization '{text}' is not a number.";
            return false;
        }

        return TryUtilization(value, out percent, out reason);
    }

    /// <summary>Utilization from a parsed number.</summary>
    public static bool TryUtilization(decimal value, out byte? percent, out string reason)
    {
        percent = null;
        if (value is < 0 or > 100)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"utilization {value} is outside 0..100 percent.");
            return false;
        }

        percent = (byte)decimal.Truncate(value);
        reason = string.Empty;
        return true;
    }

    /// <summary>Power: decimal watts, not negative.</summary>
    public static bool TryParsePower(string text, bool unavailable, out decimal? watts, out string reason)
    {
        watts = null;
        reason = string.Empty;
        if (unavailable)
        {
            return true;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            reason = $"power '{text}' is not a number.";
            return false;
        }

        return TryPower(value, out watts, out reason);
    }

    /// <summary>Power from a parsed number.</summary>
    public static bool TryPower(decimal value, out decimal? watts, out string reason)
    {
        watts = null;
        if (value < 0)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"power {value} W is negative.");
            return false;
        }

        watts = value;
        reason = string.Empty;
        return true;
    }

    /// <summary>An energy counter: whole millijoules, not negative; a fraction is truncated.</summary>
    public static bool TryEnergy(decimal value, out ulong? millijoules, out string reason)
    {
        millijoules = null;
        if (value < 0 || value > ulong.MaxValue)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"energy counter {value} mJ is outside 0..2^64-1.");
            return false;
        }

        millijoules = (ulong)decimal.Truncate(value);
        reason = string.Empty;
        return true;
    }
}

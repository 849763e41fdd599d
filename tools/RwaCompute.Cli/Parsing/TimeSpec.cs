using System.Globalization;
using System.Xml;

namespace RwaCompute.Cli.Parsing;

/// <summary>
/// A time as given on the command line, kept typed until the command knows the chain's clock: a duration from now
/// (<c>7d</c>) or an absolute instant (<c>2026-12-01T00:00:00Z</c>). Parsing one needs no clock, so a malformed time
/// is a usage error before anything connects; <see cref="ResolveAt"/> applies the chain time once it is known.
/// </summary>
/// <example><c>TimeText.Parse("7d", "--expires").ResolveAt(chainNow)</c> is <c>chainNow + 7 days</c>.</example>
internal readonly record struct TimeSpec
{
    private readonly TimeSpan fromNow;
    private readonly DateTimeOffset? instant;

    private TimeSpec(TimeSpan fromNow, DateTimeOffset? instant)
    {
        this.fromNow = fromNow;
        this.instant = instant;
    }

    /// <summary>The chain's current time.</summary>
    public static TimeSpec Now => default;

    /// <summary>A time <paramref name="duration"/> after the chain's current time.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The time.</returns>
    public static TimeSpec FromNow(TimeSpan duration) => new(duration, null);

    /// <summary>An absolute time, whatever the chain's clock says.</summary>
    /// <param name="instant">The time.</param>
    /// <returns>The time.</returns>
    public static TimeSpec At(DateTimeOffset instant) => new(TimeSpan.Zero, instant);

    /// <summary>The time, given the chain's current time.</summary>
    /// <param name="now">The latest block's time.</param>
    /// <returns>The absolute time.</returns>
    public DateTimeOffset ResolveAt(DateTimeOffset now) => instant ?? now + fromNow;

    /// <summary>For help and messages: <c>now</c>, <c>now + P7D</c> or the ISO-8601 instant.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        instant is { } at ? at.ToString("O", CultureInfo.InvariantCulture)
        : fromNow == TimeSpan.Zero ? "now"
        : "now + " + XmlConvert.ToString(fromNow);
}

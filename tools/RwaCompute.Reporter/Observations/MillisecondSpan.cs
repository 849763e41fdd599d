namespace RwaCompute.Reporter.Observations;

/// <summary>A half-open span [Start, End) of Unix milliseconds.</summary>
/// <param name="Start">First millisecond (inclusive).</param>
/// <param name="End">End (exclusive).</param>
internal readonly record struct MillisecondSpan(long Start, long End)
{
    public long Length => Math.Max(0, this.End - this.Start);

    public static MillisecondSpan Of(DateTimeOffset start, DateTimeOffset end) => new(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds());

    public MillisecondSpan Intersect(MillisecondSpan other) => new(Math.Max(this.Start, other.Start), Math.Min(this.End, other.End));

    /// <summary>The union of spans clipped to a window: sorted, disjoint, non-empty.</summary>
    public static IReadOnlyList<MillisecondSpan> Union(IEnumerable<MillisecondSpan> spans, MillisecondSpan window)
    {
        var merged = new List<MillisecondSpan>();
        foreach (var span in spans.Select(s => s.Intersect(window)).Where(s => s.Length > 0).OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, span.End) };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    /// <summary>How much of this span a sorted, disjoint set of spans covers.</summary>
    public long OverlapWith(IReadOnlyList<MillisecondSpan> disjoint)
    {
        long total = 0;
        foreach (var span in disjoint)
        {
            total += this.Intersect(span).Length;
        }

        return total;
    }
}

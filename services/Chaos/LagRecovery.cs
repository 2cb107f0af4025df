namespace Streams.Chaos;

/// <summary>
/// Time to recover: from the end of the fault until end-to-end lag is back to normal, for a few seconds in a row,
/// while traffic goes on. Normal is twice the worst per-second p95 of the warm-up, and at least <see cref="Floor"/> — the noise of
/// a shared 2-core machine is not a fault.
/// </summary>
internal static class LagRecovery
{
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(500);

    /// <summary>Normal seconds in a row that count as recovered.</summary>
    public const int Sustain = 3;

    /// <summary>The normal-lag limit from the warm-up's seconds; the first is skipped, as clients are still connecting in it.</summary>
    public static TimeSpan NormalLimit(IReadOnlyList<SecondLag> seconds, TimeSpan warmUp)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var worst = seconds.Take((int)warmUp.TotalSeconds).Skip(1).Where(s => s.Received > 0).Select(s => s.P95).DefaultIfEmpty(TimeSpan.Zero).Max();
        return worst * 2 > Floor ? worst * 2 : Floor;
    }

    /// <summary>
    /// From <paramref name="faultEnd"/> to the start of the first second that begins <see cref="Sustain"/> normal seconds
    /// in a row (fewer when sending stops sooner): events received, within <paramref name="limit"/> — a second with
    /// none received is not normal, the stream stalled. Null when lag was not back to normal before sending stopped.
    /// </summary>
    /// <remarks>
    /// Back to normal for a few seconds, not until the end: on a shared 2-core machine one later second can be slow for
    /// reasons that are not the fault's (a build next door), and the row would then report no recovery at all.
    /// </remarks>
    public static TimeSpan? Measure(IReadOnlyList<SecondLag> seconds, TimeSpan faultEnd, TimeSpan sendingEnd, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var first = (int)faultEnd.TotalSeconds;
        var end = Math.Min(seconds.Count, (int)sendingEnd.TotalSeconds);
        var normalSince = first;
        for (var second = first; second < end; second++)
        {
            if (seconds[second].Received == 0 || seconds[second].P95 > limit)
            {
                normalSince = second + 1;
            }
            else if (second - normalSince + 1 == Sustain || second == end - 1)
            {
                return Max(TimeSpan.FromSeconds(normalSince) - faultEnd, TimeSpan.Zero);
            }
        }

        return null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

namespace Streams.Chaos;

/// <summary>
/// Time to recover: from the end of the fault until end-to-end lag is back to normal and stays there while traffic
/// goes on. Normal is twice the worst per-second p95 of the warm-up, and at least <see cref="Floor"/> — the noise of
/// a shared 2-core machine is not a fault.
/// </summary>
internal static class LagRecovery
{
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(500);

    /// <summary>The normal-lag limit from the warm-up's seconds; the first is skipped, as clients are still connecting in it.</summary>
    public static TimeSpan NormalLimit(IReadOnlyList<SecondLag> seconds, TimeSpan warmUp)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var worst = seconds.Take((int)warmUp.TotalSeconds).Skip(1).Where(s => s.Received > 0).Select(s => s.P95).DefaultIfEmpty(TimeSpan.Zero).Max();
        return worst * 2 > Floor ? worst * 2 : Floor;
    }

    /// <summary>
    /// From <paramref name="faultEnd"/> to the start of the first second from which every second until sending stopped
    /// received events within <paramref name="limit"/> (a second with none received is not normal: the stream stalled);
    /// null when lag was not back to normal before sending stopped.
    /// </summary>
    public static TimeSpan? Measure(IReadOnlyList<SecondLag> seconds, TimeSpan faultEnd, TimeSpan sendingEnd, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var first = (int)faultEnd.TotalSeconds;
        var last = Math.Min(seconds.Count, (int)sendingEnd.TotalSeconds) - 1;
        int? recovered = null;
        for (var second = last; second >= first; second--)
        {
            if (seconds[second].Received == 0 || seconds[second].P95 > limit)
            {
                break;
            }

            recovered = second;
        }

        return recovered is { } at ? Max(TimeSpan.FromSeconds(at) - faultEnd, TimeSpan.Zero) : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

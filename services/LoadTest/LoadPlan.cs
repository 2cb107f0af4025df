namespace Streams.LoadTest;

/// <summary>One run's schedule: events per second, for how long, in batches of what size.</summary>
/// <param name="Rate">Events per second.</param>
/// <param name="Duration">How long events are sent.</param>
/// <param name="BatchSize">Events per request.</param>
internal sealed record LoadPlan(int Rate, TimeSpan Duration, int BatchSize)
{
    /// <summary>Events sent in the whole run.</summary>
    public long Events => Requests * BatchSize;

    /// <summary>Requests sent in the whole run.</summary>
    public long Requests => Math.Max(1, (long)Math.Round(Rate * Duration.TotalSeconds / BatchSize));

    /// <summary>Time between two requests' intended send times.</summary>
    public TimeSpan RequestInterval => TimeSpan.FromSeconds((double)BatchSize / Rate);

    /// <summary>
    /// About 200 requests a second at high rates, single events at low ones: a lone event must not wait for company
    /// at the sender, or the idle latency it measures would be the batching's.
    /// </summary>
    public static int DefaultBatchSize(int rate) => Math.Clamp((int)Math.Ceiling(rate / 200.0), 1, 100);
}

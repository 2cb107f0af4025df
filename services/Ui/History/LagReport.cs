namespace Streams.Ui.History;

/// <summary>
/// The answer of <c>GET /ui/api/lag</c>: per hop and scrape interval, the p95 of lag-in, lag-out and process duration
/// of the events observed in that interval (the histograms' increase between two scrapes, as
/// <c>histogram_quantile(0.95, increase(...))</c> would give).
/// </summary>
/// <param name="IntervalSeconds">The scrape interval.</param>
/// <param name="Times">Each interval's end, in Unix seconds.</param>
/// <param name="Hops">The hops, by name.</param>
/// <param name="Errors">Why scrapes are failing, if they are.</param>
internal sealed record LagReport(int IntervalSeconds, IReadOnlyList<long> Times, IReadOnlyList<HopSeries> Hops, IReadOnlyList<string> Errors)
{
    private const string LagIn = "streams_lag_in_seconds";
    private const string LagOut = "streams_lag_out_seconds";
    private const string Process = "streams_process_duration_seconds";
    private const double P95 = 0.95;

    public static LagReport From(IReadOnlyList<MetricsPoint> points, int intervalSeconds, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(points);
        var hops = points.SelectMany(point => point.Metrics.Hops(LagIn).Concat(point.Metrics.Hops(LagOut)).Concat(point.Metrics.Hops(Process)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var intervals = points.Zip(points.Skip(1)).ToList();
        return new LagReport(
            intervalSeconds,
            [.. intervals.Select(interval => interval.Second.At.ToUnixTimeSeconds())],
            [.. hops.Select(hop => new HopSeries(
                hop,
                Milliseconds(intervals, LagIn, hop),
                Milliseconds(intervals, LagOut, hop),
                Milliseconds(intervals, Process, hop)))],
            errors);
    }

    private static double?[] Milliseconds(List<(MetricsPoint First, MetricsPoint Second)> intervals, string histogram, string hop) =>
        [.. intervals.Select(interval => interval.Second.Metrics.QuantileSince(interval.First.Metrics, histogram, hop, P95) is var seconds && !double.IsNaN(seconds)
            ? seconds * 1000
            : (double?)null)];
}

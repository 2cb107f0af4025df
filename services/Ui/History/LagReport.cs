namespace Streams.Ui.History;

/// <summary>
/// The answer of <c>GET /ui/api/lag</c>: per hop and interval, the p95 of lag-in, lag-out and process duration of the
/// events observed in that interval (from the page's own scrapes, the histograms' increase between two of them, as
/// <c>histogram_quantile(0.95, increase(...))</c> would give; from Prometheus, that query over its rate window).
/// </summary>
/// <param name="IntervalSeconds">The scrape interval.</param>
/// <param name="Times">Each interval's end, in Unix seconds.</param>
/// <param name="Hops">The hops, by name.</param>
/// <param name="Errors">Why scrapes (or Prometheus queries) are failing, if they are.</param>
internal sealed record LagReport(int IntervalSeconds, IReadOnlyList<long> Times, IReadOnlyList<HopSeries> Hops, IReadOnlyList<string> Errors)
{
    public static LagReport From(IReadOnlyList<MetricsPoint> points, int intervalSeconds, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(points);
        var hops = points.SelectMany(point => HopHistograms.All.SelectMany(point.Metrics.Hops));
        var intervals = points.Zip(points.Skip(1)).ToList();
        return Create(
            intervalSeconds,
            [.. intervals.Select(interval => interval.Second.At.ToUnixTimeSeconds())],
            hops,
            (histogram, hop) => intervals.Select(interval => interval.Second.Metrics.QuantileSince(interval.First.Metrics, histogram, hop, HopHistograms.Quantile)),
            errors);
    }

    /// <summary>The report of <paramref name="hops"/> (in any order, repeats allowed) at <paramref name="times"/>.</summary>
    /// <param name="intervalSeconds">The interval between two times.</param>
    /// <param name="times">Each interval's end, in Unix seconds.</param>
    /// <param name="hops">The hops that report any of <see cref="HopHistograms.All"/>.</param>
    /// <param name="p95Seconds">A hop's p95 of a histogram at each time, in seconds; NaN where it observed nothing.</param>
    /// <param name="errors">Why reading the metrics failed, if it did.</param>
    public static LagReport Create(
        int intervalSeconds,
        IReadOnlyList<long> times,
        IEnumerable<string> hops,
        Func<string, string, IEnumerable<double>> p95Seconds,
        IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(p95Seconds);
        return new LagReport(
            intervalSeconds,
            times,
            [.. hops.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(hop => new HopSeries(
                hop,
                Milliseconds(p95Seconds(HopHistograms.LagIn, hop)),
                Milliseconds(p95Seconds(HopHistograms.LagOut, hop)),
                Milliseconds(p95Seconds(HopHistograms.Process, hop))))],
            errors);
    }

    // JSON has no NaN or infinity: the chart leaves a gap for null.
    private static double?[] Milliseconds(IEnumerable<double> seconds) =>
        [.. seconds.Select(value => double.IsFinite(value) ? value * 1000 : (double?)null)];
}

using Streams.Telemetry.Scraping;

namespace Streams.LoadTest;

/// <summary>The lag-in and lag-out histograms of every hop, summed over the services scraped, at one moment.</summary>
internal sealed class HopLagSnapshot
{
    private const string LagIn = "streams_lag_in_seconds";
    private const string LagOut = "streams_lag_out_seconds";

    private readonly ScrapedMetrics _metrics = new();

    /// <param name="second">The run's second the snapshot was taken in.</param>
    public HopLagSnapshot(int second) => Second = second;

    public int Second { get; }

    public IEnumerable<string> Hops => _metrics.Hops(LagIn).Union(_metrics.Hops(LagOut), StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Adds one service's exposition.</summary>
    public void Add(IEnumerable<MetricSample> samples) => _metrics.Add(samples);

    /// <summary>Each hop's lag-in and lag-out p95 over what was observed since <paramref name="earlier"/>, in milliseconds.</summary>
    public IReadOnlyList<HopLag> P95Since(HopLagSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return [.. Hops.Select(hop => new HopLag(
            hop,
            _metrics.QuantileSince(earlier._metrics, LagIn, hop, 0.95) * 1000,
            _metrics.QuantileSince(earlier._metrics, LagOut, hop, 0.95) * 1000))];
    }
}

using System.Globalization;

namespace Streams.LoadTest;

/// <summary>The lag-in and lag-out histograms of every hop, summed over the services scraped, at one moment.</summary>
internal sealed class HopLagSnapshot
{
    private const string LagInBuckets = "streams_lag_in_seconds_bucket";
    private const string LagOutBuckets = "streams_lag_out_seconds_bucket";

    private readonly Dictionary<string, HistogramBuckets> _lagIn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HistogramBuckets> _lagOut = new(StringComparer.Ordinal);

    /// <param name="second">The run's second the snapshot was taken in.</param>
    public HopLagSnapshot(int second) => Second = second;

    public int Second { get; }

    public IEnumerable<string> Hops => _lagIn.Keys.Union(_lagOut.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Adds one service's exposition.</summary>
    public void Add(IEnumerable<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var sample in samples)
        {
            var histograms = sample.Name switch
            {
                LagInBuckets => _lagIn,
                LagOutBuckets => _lagOut,
                _ => null,
            };
            if (histograms is null || !sample.Labels.TryGetValue("hop", out var hop) || !sample.Labels.TryGetValue("le", out var le))
            {
                continue;
            }

            if (!histograms.TryGetValue(hop, out var buckets))
            {
                histograms[hop] = buckets = new HistogramBuckets();
            }

            buckets.Add(ParseBound(le), sample.Value);
        }
    }

    /// <summary>Each hop's lag-in and lag-out p95 over what was observed since <paramref name="earlier"/>, in milliseconds.</summary>
    public IReadOnlyList<HopLag> P95Since(HopLagSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return [.. Hops.Select(hop => new HopLag(
            hop,
            P95Ms(_lagIn, earlier._lagIn, hop),
            P95Ms(_lagOut, earlier._lagOut, hop)))];
    }

    private static double P95Ms(Dictionary<string, HistogramBuckets> now, Dictionary<string, HistogramBuckets> before, string hop) =>
        now.TryGetValue(hop, out var buckets)
            ? buckets.Since(before.GetValueOrDefault(hop) ?? new HistogramBuckets()).Quantile(0.95) * 1000
            : double.NaN;

    private static double ParseBound(string le) =>
        le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
}

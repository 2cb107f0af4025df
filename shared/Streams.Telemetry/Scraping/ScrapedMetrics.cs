using System.Globalization;

namespace Streams.Telemetry.Scraping;

/// <summary>
/// What one scrape of one or more services' <c>/metrics</c> said, summed over the services: every per-hop histogram
/// (a <c>*_bucket</c> series with a <c>hop</c> label) and the other series named at construction. Two scrapes give
/// what happened between them: a hop's quantile of a histogram, a series' increase.
/// </summary>
public sealed class ScrapedMetrics
{
    private const string BucketSuffix = "_bucket";

    private readonly IReadOnlySet<string> _series;
    private readonly Dictionary<(string Histogram, string Hop), HistogramBuckets> _histograms = [];
    private readonly List<MetricSample> _samples = [];

    /// <summary>Initializes a new instance of the <see cref="ScrapedMetrics"/> class.</summary>
    /// <param name="series">Names of the non-histogram series to keep (counters, gauges); the rest are dropped.</param>
    public ScrapedMetrics(IReadOnlySet<string>? series = null) => _series = series ?? new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The hops that observed into <paramref name="histogram"/> (e.g. <c>streams_lag_in_seconds</c>), in order.</summary>
    public IEnumerable<string> Hops(string histogram) =>
        _histograms.Keys.Where(key => key.Histogram == histogram).Select(key => key.Hop).Order(StringComparer.Ordinal);

    /// <summary>The kept samples of the series <paramref name="name"/>, one per service and label set.</summary>
    public IEnumerable<MetricSample> Samples(string name) => _samples.Where(sample => sample.Name == name);

    /// <summary>Adds one service's exposition.</summary>
    public void Add(IEnumerable<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var sample in samples)
        {
            if (sample.Name.EndsWith(BucketSuffix, StringComparison.Ordinal)
                && sample.Labels.TryGetValue("hop", out var hop)
                && sample.Labels.TryGetValue("le", out var le))
            {
                var key = (sample.Name[..^BucketSuffix.Length], hop);
                if (!_histograms.TryGetValue(key, out var buckets))
                {
                    _histograms[key] = buckets = new HistogramBuckets();
                }

                buckets.Add(ParseBound(le), sample.Value);
            }
            else if (_series.Contains(sample.Name))
            {
                _samples.Add(sample);
            }
        }
    }

    /// <summary>
    /// The <paramref name="quantile"/> of what <paramref name="hop"/> observed into <paramref name="histogram"/> since
    /// <paramref name="earlier"/>, in the histogram's unit; NaN when it observed nothing.
    /// </summary>
    public double QuantileSince(ScrapedMetrics earlier, string histogram, string hop, double quantile)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return _histograms.TryGetValue((histogram, hop), out var buckets)
            ? buckets.Since(earlier._histograms.GetValueOrDefault((histogram, hop)) ?? new HistogramBuckets()).Quantile(quantile)
            : double.NaN;
    }

    private static double ParseBound(string le) =>
        le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
}

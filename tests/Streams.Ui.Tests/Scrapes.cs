using System.Globalization;
using System.Text;
using Streams.Telemetry.Scraping;
using Streams.Ui.History;

namespace Streams.Ui.Tests;

/// <summary>Scrapes made from exposition text written in the tests, as prometheus-net would write it.</summary>
internal static class Scrapes
{
    /// <summary>A cumulative histogram of <paramref name="hop"/>: (upper bound in seconds, count at or below it), +Inf last.</summary>
    public static string Histogram(string name, string hop, params (double Bound, double Count)[] buckets)
    {
        var text = new StringBuilder();
        foreach (var (bound, count) in buckets)
        {
            var le = double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{hop=\"{hop}\",le=\"{le}\"}} {count}\n");
        }

        return text.ToString();
    }

    public static MetricsPoint Point(DateTimeOffset at, params string[] expositions)
    {
        var metrics = new ScrapedMetrics(MetricsScraper.KeptSeries);
        foreach (var exposition in expositions)
        {
            metrics.Add(PrometheusText.Parse(exposition));
        }

        return new MetricsPoint(at, metrics);
    }
}

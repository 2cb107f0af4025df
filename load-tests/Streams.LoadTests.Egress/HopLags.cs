using System.Globalization;
using System.Text.RegularExpressions;

namespace Streams.LoadTests.Egress;

/// <summary>
/// Reads a host's <c>/metrics</c> and estimates a quantile of <c>streams_lag_in_seconds</c> / <c>streams_lag_out_seconds</c>
/// per hop from the histogram buckets (Prometheus' <c>histogram_quantile</c> method), to show where the time goes.
/// </summary>
internal static partial class HopLags
{
    public static async Task<string> DescribeAsync(Uri metricsUrl, double quantile)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(metricsUrl);
        var buckets = BucketLine().Matches(text)
            .Select(m => (Metric: m.Groups["metric"].Value, Hop: m.Groups["hop"].Value, Le: ParseBound(m.Groups["le"].Value), Count: double.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))
            .GroupBy(b => (b.Metric, b.Hop))
            .OrderBy(g => g.Key.Hop, StringComparer.Ordinal).ThenBy(g => g.Key.Metric, StringComparer.Ordinal);
        return string.Join("  ", buckets.Select(g => $"{g.Key.Hop} {g.Key.Metric} p{quantile * 100:0} {Quantile(quantile, [.. g.Select(b => (b.Le, b.Count)).OrderBy(b => b.Le)]) * 1000:0.0} ms"));
    }

    private static double Quantile(double quantile, List<(double Le, double Count)> buckets)
    {
        var total = buckets[^1].Count;
        var rank = quantile * total;
        var (lower, below) = (0.0, 0.0);
        foreach (var (le, count) in buckets)
        {
            if (count >= rank)
            {
                return double.IsPositiveInfinity(le) ? lower : lower + ((le - lower) * (rank - below) / Math.Max(1, count - below));
            }

            (lower, below) = (le, count);
        }

        return double.NaN;
    }

    private static double ParseBound(string le) => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);

    [GeneratedRegex("""^streams_(?<metric>lag_(in|out))_seconds_bucket\{hop="(?<hop>[^"]+)",le="(?<le>[^"]+)"\} (?<count>\S+)""", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}

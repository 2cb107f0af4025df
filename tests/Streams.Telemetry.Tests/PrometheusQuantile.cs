namespace Streams.Telemetry.Tests;

/// <summary>Prometheus' histogram_quantile, as promql/quantile.go computes it, for checking bucket choices.</summary>
internal static class PrometheusQuantile
{
    /// <summary>Estimates <paramref name="quantile"/> from cumulative bucket counts keyed by upper bound, <c>+Inf</c> last.</summary>
    public static double Estimate(double quantile, SortedDictionary<double, double> cumulative)
    {
        var rank = quantile * cumulative.Values.Last();
        var (lower, below) = (0.0, 0.0);
        foreach (var (bound, count) in cumulative)
        {
            if (count >= rank)
            {
                // Prometheus answers with the highest finite bound when the rank falls in +Inf.
                return double.IsPositiveInfinity(bound) ? lower : lower + ((bound - lower) * ((rank - below) / (count - below)));
            }

            (lower, below) = (bound, count);
        }

        return lower;
    }

    /// <summary>The index of the bucket a value falls in, with "le" semantics.</summary>
    public static int BucketOf(double value, IReadOnlyList<double> bounds)
    {
        var bucket = 0;
        while (bucket < bounds.Count && value > bounds[bucket])
        {
            bucket++;
        }

        return bucket;
    }
}

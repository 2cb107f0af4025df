namespace Streams.Telemetry.Tests;

/// <summary>Prometheus' histogram_quantile, as promql/quantile.go computes it, for checking bucket choices.</summary>
internal static class PrometheusQuantile
{
    public static double Estimate(double quantile, IReadOnlyList<double> bounds, IReadOnlyList<long> bucketCounts)
    {
        var total = bucketCounts.Sum();
        var rank = quantile * total;
        long below = 0;
        for (var bucket = 0; bucket < bounds.Count; bucket++)
        {
            var inBucket = bucketCounts[bucket];
            if (below + inBucket >= rank)
            {
                var start = bucket == 0 ? 0 : bounds[bucket - 1];
                return start + ((bounds[bucket] - start) * ((rank - below) / inBucket));
            }

            below += inBucket;
        }

        // Prometheus answers with the highest finite bound when the rank falls in +Inf.
        return bounds[^1];
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

namespace Streams.Telemetry.Scraping;

/// <summary>
/// A Prometheus histogram's cumulative buckets (upper bound → count of observations at or below it), and the
/// quantile Prometheus' <c>histogram_quantile</c> gives for them.
/// </summary>
public sealed class HistogramBuckets
{
    private readonly SortedDictionary<double, double> _counts = [];

    /// <summary>The cumulative count at or below each upper bound, lowest bound first.</summary>
    public IReadOnlyDictionary<double, double> Counts => _counts;

    /// <summary>Observations in all buckets (the <c>+Inf</c> bucket's count).</summary>
    public double Total => _counts.TryGetValue(double.PositiveInfinity, out var total) ? total : 0;

    /// <summary>Adds <paramref name="count"/> to the bucket of <paramref name="upperBound"/> (several services' counts sum).</summary>
    public void Add(double upperBound, double count) =>
        _counts[upperBound] = _counts.GetValueOrDefault(upperBound) + count;

    /// <summary>The buckets of observations made since <paramref name="earlier"/> was read.</summary>
    public HistogramBuckets Since(HistogramBuckets earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var delta = new HistogramBuckets();
        foreach (var (bound, count) in _counts)
        {
            // A restarted process starts its counters again; then everything it counted is new.
            var before = earlier._counts.GetValueOrDefault(bound);
            delta.Add(bound, count >= before ? count - before : count);
        }

        return delta;
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0–1) as <c>histogram_quantile</c> computes it: linear interpolation inside
    /// the bucket the rank falls in, the highest finite bound when it falls in <c>+Inf</c>; NaN with no observations.
    /// </summary>
    public double Quantile(double quantile)
    {
        var total = Total;
        if (total <= 0 || _counts.Count < 2)
        {
            return double.NaN;
        }

        var rank = quantile * total;
        var lowerBound = 0.0;
        var countBelow = 0.0;
        foreach (var (bound, count) in _counts)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lowerBound;
                }

                var inBucket = count - countBelow;
                var start = lowerBound <= 0 && bound <= 0 ? bound : lowerBound;
                return inBucket <= 0 ? bound : start + ((bound - start) * (rank - countBelow) / inBucket);
            }

            lowerBound = bound;
            countBelow = count;
        }

        return lowerBound;
    }
}

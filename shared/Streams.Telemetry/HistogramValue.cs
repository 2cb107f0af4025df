namespace Streams.Telemetry;

/// <summary>An explicit-bucket histogram's state.</summary>
/// <param name="Bounds">Ascending, finite upper bounds (inclusive, as Prometheus' <c>le</c>).</param>
/// <param name="BucketCounts">
/// Non-cumulative count per bucket: <c>Bounds.Count + 1</c> entries, the last one for values above every bound.
/// </param>
/// <param name="Sum">Sum of all recorded values.</param>
public sealed record HistogramValue(IReadOnlyList<double> Bounds, IReadOnlyList<long> BucketCounts, double Sum)
{
    /// <summary>Gets the number of recorded values; derived from the buckets so it always equals the <c>+Inf</c> bucket.</summary>
    public long Count => BucketCounts.Sum();
}

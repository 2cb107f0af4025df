using Streams.Telemetry.Scraping;

namespace Streams.Telemetry.Tests.Scraping;

public sealed class HistogramBucketsTests
{
    private static HistogramBuckets Known() => Buckets((0.1, 10), (0.2, 30), (0.5, 90), (double.PositiveInfinity, 100));

    [Theory]
    [InlineData(0.05, 0.05)] // rank 5 in the first bucket, interpolated from 0
    [InlineData(0.5, 0.3)] // rank 50: 20 of the 60 in (0.2, 0.5]
    [InlineData(0.9, 0.5)] // rank 90: the top of (0.2, 0.5]
    [InlineData(0.95, 0.5)] // rank 95 falls in +Inf: the highest finite bound, as histogram_quantile answers
    public void Quantile_KnownBuckets_AsHistogramQuantileComputesIt(double quantile, double expected)
    {
        // Act
        var actual = Known().Quantile(quantile);

        // Assert
        Assert.Equal(expected, actual, 9);
    }

    [Fact]
    public void Quantile_NoObservations_IsNaN()
    {
        Assert.True(double.IsNaN(Buckets((0.1, 0), (double.PositiveInfinity, 0)).Quantile(0.95)));
    }

    [Fact]
    public void Since_AnEarlierReading_HoldsOnlyTheObservationsMadeAfterIt()
    {
        // Arrange
        var earlier = Buckets((0.1, 5), (0.2, 10), (0.5, 10), (double.PositiveInfinity, 10));

        // Act
        var delta = Known().Since(earlier);

        // Assert
        Assert.Equal(90, delta.Total);
        Assert.Equal([5.0, 20, 80, 90], delta.Counts.Values);
    }

    [Fact]
    public void Since_CountersLowerThanBefore_TakesTheRestartedProcessesCountsAsNew()
    {
        // Arrange
        var beforeRestart = Buckets((0.1, 50), (0.2, 300), (0.5, 900), (double.PositiveInfinity, 1000));

        // Act
        var delta = Known().Since(beforeRestart);

        // Assert
        Assert.Equal(100, delta.Total);
    }

    private static HistogramBuckets Buckets(params (double Bound, double Count)[] buckets)
    {
        var histogram = new HistogramBuckets();
        foreach (var (bound, count) in buckets)
        {
            histogram.Add(bound, count);
        }

        return histogram;
    }
}

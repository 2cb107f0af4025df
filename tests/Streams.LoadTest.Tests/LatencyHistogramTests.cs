
namespace Streams.LoadTest.Tests;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(50, 500)]
    [InlineData(95, 950)]
    [InlineData(99, 990)]
    [InlineData(100, 1000)]
    public void PercentileMs_OneToAThousandMilliseconds_TheNearestRankWithinThePrecision(double percentile, double expectedMs)
    {
        // Arrange
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        // Act
        var actual = histogram.PercentileMs(percentile);

        // Assert: three significant digits.
        Assert.InRange(actual, expectedMs * 0.999, expectedMs * 1.001);
        Assert.Equal(1000, histogram.Count);
    }

    [Fact]
    public void Add_TwoHistograms_PercentilesOverBoth()
    {
        // Arrange
        var fast = new LatencyHistogram();
        var slow = new LatencyHistogram();
        for (var i = 0; i < 90; i++)
        {
            fast.Record(TimeSpan.FromMilliseconds(2));
        }

        for (var i = 0; i < 10; i++)
        {
            slow.Record(TimeSpan.FromMilliseconds(400));
        }

        // Act
        fast.Add(slow);

        // Assert
        Assert.InRange(fast.PercentileMs(90), 1.99, 2.01);
        Assert.InRange(fast.PercentileMs(95), 399, 401);
        Assert.Equal(0, new LatencyHistogram().PercentileMs(95));
    }
}

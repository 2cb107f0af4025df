using System.Diagnostics.Metrics;

namespace Streams.Telemetry.Tests;

public class HistogramBucketTests
{
    [Theory]
    [InlineData(-1, "0.001")]
    [InlineData(0, "0.001")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0011, "0.002")]
    [InlineData(0.25, "0.3")]
    [InlineData(1, "1")]
    [InlineData(599.9, "600")]
    [InlineData(600, "600")]
    [InlineData(600.5, "+Inf")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Record_Value_LandsInTheFirstBucketWhoseBoundIsNotBelowIt(double seconds, string expectedLe)
    {
        using var meter = new Meter($"Streams.Tests.{Guid.NewGuid():N}");
        using var collector = new MetricsCollector([meter.Name]);

        meter.CreateHistogram("lat_seconds", "s", null, null, LatencyBuckets.Advice).Record(seconds);
        var histogram = Collected.Histogram(collector.Collect(), "lat_seconds");

        var bucket = Assert.Single(Enumerable.Range(0, histogram.BucketCounts.Count), i => histogram.BucketCounts[i] == 1);
        var le = bucket == histogram.Bounds.Count ? "+Inf" : PrometheusTextWriter.FormatValue(histogram.Bounds[bucket]);
        Assert.Equal(expectedLe, le);
    }

    [Fact]
    public void Record_NaN_IsDropped()
    {
        using var meter = new Meter($"Streams.Tests.{Guid.NewGuid():N}");
        using var collector = new MetricsCollector([meter.Name]);
        var histogram = meter.CreateHistogram("lat_seconds", "s", null, null, LatencyBuckets.Advice);

        histogram.Record(double.NaN);
        histogram.Record(1);
        var value = Collected.Histogram(collector.Collect(), "lat_seconds");

        Assert.Equal(1, value.Count);
        Assert.Equal(1, value.Sum);
    }

    [Fact]
    public void Seconds_Bounds_AscendFromOneMillisecondToTenMinutesInStepsOfAtMostFiveThirdsAboveTwoMilliseconds()
    {
        var bounds = LatencyBuckets.Seconds;

        Assert.Equal([0.001, 0.002], bounds.Take(2));
        Assert.Equal(600, bounds[^1]);
        Assert.All(bounds.Skip(1).Zip(bounds.Skip(2)), pair => Assert.InRange(pair.Second / pair.First, 1.01, (5.0 / 3) + 1e-9));
    }

    [Theory]
    [InlineData("lognormal, median 50 ms")]
    [InlineData("exponential, mean 2 ms")]
    [InlineData("uniform, 0-10 min")]
    [InlineData("bimodal, 5 ms and 30 s")]
    [InlineData("pareto, from 1 ms")]
    public void HistogramQuantile_KnownDistribution_P95IsWithinOneBucketOfTheTruth(string distribution)
    {
        using var meter = new Meter($"Streams.Tests.{Guid.NewGuid():N}");
        using var collector = new MetricsCollector([meter.Name]);
        var histogram = meter.CreateHistogram("lag_seconds", "s", null, null, LatencyBuckets.Advice);
        var samples = Sample(distribution, count: 50_000);

        foreach (var sample in samples)
        {
            histogram.Record(sample);
        }

        var value = Collected.Histogram(collector.Collect(), "lag_seconds");
        var estimate = PrometheusQuantile.Estimate(0.95, value.Bounds, value.BucketCounts);
        var truth = samples.Order().ElementAt((int)Math.Ceiling(0.95 * samples.Length) - 1);

        var bucketsOff = Math.Abs(PrometheusQuantile.BucketOf(estimate, value.Bounds) - PrometheusQuantile.BucketOf(truth, value.Bounds));
        Assert.True(bucketsOff <= 1, $"p95 estimate {estimate} s vs true {truth} s: {bucketsOff} buckets apart");
    }

    private static double[] Sample(string distribution, int count)
    {
        // Seeded, so a failure reproduces.
        var random = new Random(20_240_601);
        double Uniform() => 1 - random.NextDouble();
        double Normal() => Math.Sqrt(-2 * Math.Log(Uniform())) * Math.Cos(2 * Math.PI * Uniform());

        Func<double> next = distribution switch
        {
            "lognormal, median 50 ms" => () => 0.05 * Math.Exp(1.5 * Normal()),
            "exponential, mean 2 ms" => () => -0.002 * Math.Log(Uniform()),
            "uniform, 0-10 min" => () => 600 * random.NextDouble(),
            "bimodal, 5 ms and 30 s" => () => random.NextDouble() < 0.9 ? 0.005 * Math.Exp(0.3 * Normal()) : 30 * Math.Exp(0.3 * Normal()),
            "pareto, from 1 ms" => () => 0.001 / Math.Pow(Uniform(), 1 / 1.2),
            _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, null),
        };
        return [.. Enumerable.Range(0, count).Select(_ => next())];
    }
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Streams.IntegrationTests.Infrastructure;

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
    public async Task RecordLagIn_Value_LandsInTheFirstBucketWhoseBoundIsNotBelowIt(double seconds, string expectedLe)
    {
        using var provider = Exposition.NewProvider();
        var lag = double.IsPositiveInfinity(seconds) ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);

        provider.GetRequiredService<StreamsMetrics>().RecordLagIn("router", lag);
        var buckets = MetricsText.Samples(await Exposition.OfAsync(provider), "streams_lag_in_seconds_bucket", ("hop", "router"));

        // Cumulative counts: the value's bucket is the first one that has counted it.
        Assert.Equal(expectedLe, buckets.First(bucket => bucket.Value == 1).Labels["le"]);
    }

    [Fact]
    public async Task Export_LatencyHistogram_WritesEveryBoundOfLatencyBucketsThenInf()
    {
        using var provider = Exposition.NewProvider();

        provider.GetRequiredService<StreamsMetrics>().RecordEndToEndLag("orders", TimeSpan.FromSeconds(2));
        var les = MetricsText.Samples(await Exposition.OfAsync(provider), "streams_e2e_lag_seconds_bucket", ("subscription", "orders"))
            .Select(bucket => bucket.Labels["le"]);

        // Spelled as Prometheus' own clients spell them, so the le label of a bucket never changes between versions.
        Assert.Equal([.. LatencyBuckets.Seconds.Select(bound => bound.ToString(CultureInfo.InvariantCulture)), "+Inf"], les);
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
    public async Task HistogramQuantile_KnownDistribution_P95IsWithinOneBucketOfTheTruth(string distribution)
    {
        using var provider = Exposition.NewProvider();
        var metrics = provider.GetRequiredService<StreamsMetrics>();
        var samples = Sample(distribution, count: 50_000);

        foreach (var sample in samples)
        {
            metrics.RecordLagIn("router", TimeSpan.FromSeconds(sample));
        }

        var buckets = MetricsText.Buckets(await Exposition.OfAsync(provider), "streams_lag_in_seconds", ("hop", "router"));
        var estimate = PrometheusQuantile.Estimate(0.95, buckets);
        var truth = samples.Order().ElementAt((int)Math.Ceiling(0.95 * samples.Length) - 1);

        var bucketsOff = Math.Abs(PrometheusQuantile.BucketOf(estimate, LatencyBuckets.Seconds) - PrometheusQuantile.BucketOf(truth, LatencyBuckets.Seconds));
        Assert.True(bucketsOff <= 1, $"p95 estimate {estimate * 1000} ms vs true {truth * 1000} ms: {bucketsOff} buckets apart");
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

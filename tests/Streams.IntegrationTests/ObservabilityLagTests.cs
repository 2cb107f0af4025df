using System.Net;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>
/// Events with known event times pass the real pipeline; every hop's lag histograms must put them in the buckets
/// their true lag falls in (truth known to within the test's own elapsed time).
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class ObservabilityLagTests(LocalClusterFixture cluster)
{
    private static readonly (string Histogram, string Hop)[] Measured =
    [
        ("streams_lag_in_seconds", "ingest"),
        ("streams_lag_out_seconds", "ingest"),
        ("streams_lag_in_seconds", "normaliser"),
        ("streams_lag_out_seconds", "normaliser"),
        ("streams_lag_in_seconds", "egress"),
        ("streams_lag_out_seconds", "egress"),
    ];

    [Fact]
    public async Task Pipeline_EventsWithKnownEventTimes_LagHistogramsAgreeWithTheTruthWithinABucket()
    {
        // Arrange: two groups whose lags sit mid-bucket (2.5 s in (2, 3], 40 s in (30, 45]), far apart.
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("lag", receiver.Url);
        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        var sent = DateTimeOffset.UtcNow;
        var groups = new (TimeSpan Age, IReadOnlyList<object> Events)[]
        {
            (TimeSpan.FromSeconds(2.5), CloudEventBatches.Create("lag-fresh", 60, time: sent - TimeSpan.FromSeconds(2.5))),
            (TimeSpan.FromSeconds(40), CloudEventBatches.Create("lag-old", 40, time: sent - TimeSpan.FromSeconds(40))),
        };

        // Act
        foreach (var (_, events) in groups)
        {
            using var response = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, events);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var exposition = await ScrapeUntilAsync(http, pipeline.IngestUrl, text =>
            Measured.All(m => MetricsText.Value(text, m.Histogram + "_count", ("hop", m.Hop)) == 100));
        var elapsed = DateTimeOffset.UtcNow - sent;

        // Assert: for every bound, the cumulative count lies between the events that surely lagged less (their
        // latest possible lag is within it) and those that possibly did (their earliest possible lag is within it).
        // Event times travel as whole ms, so the earliest lag is the age less 1 ms.
        foreach (var (histogram, hop) in Measured)
        {
            var buckets = MetricsText.Buckets(exposition, histogram, ("hop", hop));
            Assert.Equal(100, buckets.GetValueOrDefault(double.PositiveInfinity));
            Assert.True(buckets.Count > 30, $"{histogram}{{hop=\"{hop}\"}} has only {buckets.Count} buckets");
            foreach (var (bound, cumulative) in buckets)
            {
                var surely = groups.Where(g => (g.Age + elapsed).TotalSeconds <= bound).Sum(g => g.Events.Count);
                var possibly = groups.Where(g => (g.Age - TimeSpan.FromMilliseconds(1)).TotalSeconds <= bound).Sum(g => g.Events.Count);
                Assert.True(
                    cumulative >= surely && cumulative <= possibly,
                    $"{histogram}{{hop=\"{hop}\"}} le={bound}: {cumulative} events, truth says {surely}..{possibly} (elapsed {elapsed.TotalSeconds:F1} s)");
            }
        }
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient http, string url, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var exposition = await MetricsText.ScrapeAsync(http, url);
            if (done(exposition))
            {
                return exposition;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the lag histograms did not count every event:\n" + exposition);
            }

            await Task.Delay(100);
        }
    }
}

using Prometheus;
using Streams.Telemetry.Scraping;

namespace Streams.Telemetry.Tests.Scraping;

public sealed class PrometheusTextTests
{
    [Fact]
    public void Parse_LinesWithLabelsEscapesSpecialValuesAndTimestamps_ReadsEach()
    {
        // Arrange
        const string text = """
            # HELP streams_lag_in_seconds Lag
            # TYPE streams_lag_in_seconds histogram
            streams_lag_in_seconds_bucket{hop="egress",le="0.005"} 3
            streams_lag_in_seconds_bucket{hop="egress",le="+Inf"} 7 1700000000000
            weird{path="a\"b\\c\nd",x="1"} NaN
            plain 1.5e3
            """;

        // Act
        var samples = PrometheusText.Parse(text).ToList();

        // Assert
        Assert.Equal(4, samples.Count);
        Assert.Equal(("streams_lag_in_seconds_bucket", "egress", "0.005", 3.0), (samples[0].Name, samples[0].Labels["hop"], samples[0].Labels["le"], samples[0].Value));
        Assert.Equal(7, samples[1].Value);
        Assert.Equal("a\"b\\c\nd", samples[2].Labels["path"]);
        Assert.True(double.IsNaN(samples[2].Value));
        Assert.Equal(("plain", 1500.0), (samples[3].Name, samples[3].Value));
    }

    [Fact]
    public void Parse_NotASample_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => PrometheusText.Parse("name{hop=egress} 1").ToList());
        Assert.Throws<FormatException>(() => PrometheusText.Parse("name{hop=\"egress\"} one").ToList());
    }

    [Fact]
    public async Task Parse_WhatPrometheusNetWrites_GivesBackEveryBucketItRecorded()
    {
        // Arrange: the services' own exporter is the reference writer.
        var registry = Metrics.NewCustomRegistry();
        var histogram = Metrics.WithCustomRegistry(registry).CreateHistogram(
            "streams_lag_out_seconds", "lag", new HistogramConfiguration { LabelNames = ["hop"], Buckets = [0.001, 0.01, 0.1] });
        foreach (var seconds in new[] { 0.0005, 0.005, 0.005, 0.05, 5 })
        {
            histogram.WithLabels("normaliser").Observe(seconds);
        }

        using var exposition = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(exposition);
        var text = System.Text.Encoding.UTF8.GetString(exposition.ToArray());

        // Act
        var scrape = new ScrapedMetrics();
        scrape.Add(PrometheusText.Parse(text));
        var hop = Assert.Single(scrape.Hops("streams_lag_out_seconds"));

        // Assert: rank 4.75 of 5 falls in +Inf, so p95 is the highest finite bound, 0.1 s.
        Assert.Equal("normaliser", hop);
        Assert.Equal(0.1, scrape.QuantileSince(new ScrapedMetrics(), "streams_lag_out_seconds", hop, 0.95), 6);
        Assert.True(double.IsNaN(scrape.QuantileSince(new ScrapedMetrics(), "streams_lag_in_seconds", hop, 0.95)));
    }
}

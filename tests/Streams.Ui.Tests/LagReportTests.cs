using Streams.Ui.History;

namespace Streams.Ui.Tests;

public sealed class LagReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_ThreeScrapes_GivesEachIntervalsP95FromTheHistogramsIncrease()
    {
        // Arrange: by the 2nd scrape 100 observations (90 at or below 10 ms, 10 in (10, 20] ms);
        // by the 3rd 100 more, all in (20, 50] ms.
        var first = Scrapes.Point(Start, Scrapes.Histogram("streams_lag_in_seconds", "egress", (0.01, 0), (0.02, 0), (0.05, 0), (double.PositiveInfinity, 0)));
        var second = Scrapes.Point(Start.AddSeconds(15), Scrapes.Histogram("streams_lag_in_seconds", "egress", (0.01, 90), (0.02, 100), (0.05, 100), (double.PositiveInfinity, 100)));
        var third = Scrapes.Point(Start.AddSeconds(30), Scrapes.Histogram("streams_lag_in_seconds", "egress", (0.01, 90), (0.02, 100), (0.05, 200), (double.PositiveInfinity, 200)));

        // Act
        var report = LagReport.From([first, second, third], 15, []);

        // Assert: rank 95 of the first interval's 100 is the 5th of 10 in (10, 20] ms: 15 ms. In the second all 100 new
        // ones are in (20, 50] ms: rank 95 is 20 + 30 × 95/100 = 48.5 ms — the earlier observations do not count.
        var egress = Assert.Single(report.Hops);
        Assert.Equal("egress", egress.Hop);
        Assert.Equal([Start.AddSeconds(15).ToUnixTimeSeconds(), Start.AddSeconds(30).ToUnixTimeSeconds()], report.Times);
        Assert.Equal(15, egress.LagInP95Ms[0]!.Value, 6);
        Assert.Equal(48.5, egress.LagInP95Ms[1]!.Value, 6);
        Assert.Equal([null, null], egress.LagOutP95Ms);
        Assert.Equal([null, null], egress.ProcessP95Ms);
    }

    [Fact]
    public void From_TwoServicesScraped_SumsTheirBucketsBeforeTheQuantile()
    {
        // Arrange: two egress processes, each 50 observations; one all at or below 10 ms, the other all in (10, 20] ms.
        var empty = Scrapes.Histogram("streams_process_duration_seconds", "egress", (0.01, 0), (0.02, 0), (double.PositiveInfinity, 0));
        var fast = Scrapes.Histogram("streams_process_duration_seconds", "egress", (0.01, 50), (0.02, 50), (double.PositiveInfinity, 50));
        var slow = Scrapes.Histogram("streams_process_duration_seconds", "egress", (0.01, 0), (0.02, 50), (double.PositiveInfinity, 50));

        // Act
        var report = LagReport.From([Scrapes.Point(Start, empty, empty), Scrapes.Point(Start.AddSeconds(15), fast, slow)], 15, []);

        // Assert: rank 95 of 100 is the 45th of the 50 in (10, 20] ms: 19 ms.
        Assert.Equal(19, Assert.Single(Assert.Single(report.Hops).ProcessP95Ms)!.Value, 6);
    }

    [Fact]
    public void From_OneScrape_HasNoIntervalYet()
    {
        // Act
        var report = LagReport.From([Scrapes.Point(Start, Scrapes.Histogram("streams_lag_out_seconds", "ingest", (0.01, 3), (double.PositiveInfinity, 3)))], 15, ["x: down"]);

        // Assert: the page shows "no samples yet", and why scrapes fail.
        Assert.Empty(report.Times);
        Assert.Equal(["x: down"], report.Errors);
        Assert.Empty(Assert.Single(report.Hops).LagOutP95Ms);
    }
}

using System.Text.Json;

namespace Streams.LoadTest.Tests;

public sealed class LoadReportTests
{
    [Fact]
    public void From_AKnownRun_CountsAndPercentilesOfWhatWasRecorded()
    {
        // Arrange: 101 events sent in second 0, all acknowledged; 100 received with lags 1..100 ms, one of them twice.
        var run = new RunUnderTest(new LoadEventIds("known"), new EventLedger(101, 5), new RunClock());
        run.Ledger.Sent(0, 101);
        run.Ledger.Answered(0, 101, acknowledged: true, 0);
        for (var sequence = 0; sequence < 100; sequence++)
        {
            run.Ledger.Receive(sequence, TimeSpan.FromMilliseconds(sequence + 1), 1);
        }

        run.Ledger.Receive(5, TimeSpan.FromMilliseconds(500), 2);
        var sender = new OpenLoopSender(new HttpClient(), new Uri("http://127.0.0.1:1/"), null, 1);

        // Act
        var report = LoadReport.From(new LoadPlan(101, TimeSpan.FromSeconds(1), 1), new Uri("http://127.0.0.1:1/"), run, sender, new HopLagSampler(new HttpClient(), []));

        // Assert
        Assert.Equal((101L, 101L, 100L, 1L, 1L), (report.Sent, report.Acknowledged, report.Received, report.Lost, report.Duplicates));
        Assert.Equal(100, report.EndToEnd.Count);
        Assert.InRange(report.EndToEnd.P50Ms, 49.9, 50.1);
        Assert.InRange(report.EndToEnd.P95Ms, 94.9, 95.1);
        Assert.InRange(report.EndToEnd.MaxMs, 99.9, 100.1);
        Assert.Equal([101L, 0], report.Seconds.Select(row => row.Sent));
        Assert.Equal([0L, 100], report.Seconds.Select(row => row.Received));
        Assert.Empty(report.Hops);
    }

    [Fact]
    public async Task WriteAsync_AReport_MarkdownJsonAndAPngPlot()
    {
        // Arrange
        var directory = Path.Combine(Path.GetTempPath(), "streams-loadtest-" + Guid.NewGuid().ToString("N"));
        var report = Report(lost: 0, refused: 0, p95Ms: 12.5) with
        {
            Hops = [new HopLag("egress", 3.5, 12.0), new HopLag("ingest", double.NaN, 1.5)],
            Seconds = [new SecondRow(0, 100, 100, 90, 4, 11, [new HopLag("egress", 3, 11)]), new SecondRow(1, 0, 0, 10, 5, 6, [])],
        };

        try
        {
            // Act
            await ReportWriter.WriteAsync(report, directory, CancellationToken.None);

            // Assert
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "report.json")));
            Assert.Equal(100, json.RootElement.GetProperty("received").GetInt64());
            Assert.Equal(12.5, json.RootElement.GetProperty("endToEnd").GetProperty("p95Ms").GetDouble());
            Assert.Equal("NaN", json.RootElement.GetProperty("hops")[1].GetProperty("lagInP95Ms").GetString());
            var markdown = await File.ReadAllTextAsync(Path.Combine(directory, "report.md"));
            Assert.Contains("| egress | 3.5 ms | 12.0 ms |", markdown, StringComparison.Ordinal);
            Assert.Contains("| 0 | 100 | 100 | 90 | 4.0 ms | 11.0 ms | 11.0 ms | – |", markdown, StringComparison.Ordinal);
            var png = await File.ReadAllBytesAsync(Path.Combine(directory, "lag.png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(0, 0, 20.0, 1000, null)]
    [InlineData(1, 0, 20.0, 1000, "lost")]
    [InlineData(0, 5, 20.0, 1000, "refused")]
    [InlineData(0, 0, 60.0, 1000, "p95 above 50 ms")]
    [InlineData(0, 0, 20.0, 900, "reached only")]
    public void FailureOf_AStep_HoldsOnlyWithNoLossNoRefusalTheRateKeptAndP95WithinTheTarget(long lost, long refused, double p95Ms, long sent, string? failure)
    {
        // Act
        var verdict = RatingSearch.FailureOf(Report(lost, refused, p95Ms) with { Sent = sent }, TimeSpan.FromMilliseconds(50));

        // Assert
        if (failure is null)
        {
            Assert.Null(verdict);
        }
        else
        {
            Assert.Contains(failure, verdict, StringComparison.Ordinal);
        }
    }

    private static LoadReport Report(long lost, long refused, double p95Ms) => new()
    {
        Run = "r",
        StartedAt = DateTimeOffset.UnixEpoch,
        Target = new Uri("http://127.0.0.1:8080/"),
        Rate = 1000,
        DurationSeconds = 1,
        SendingSeconds = 1,
        BatchSize = 5,
        Sent = 1000,
        Acknowledged = 1000 - refused,
        Refused = refused,
        Refusals = new Dictionary<string, long>(),
        Received = 100,
        Lost = lost,
        Duplicates = 0,
        ReceivedUnacknowledged = 0,
        EndToEnd = new LatencySummary(100, p95Ms / 2, p95Ms, p95Ms * 2, p95Ms * 3),
        Acknowledgement = new LatencySummary(200, 1, 2, 3, 4),
        Hops = [],
        Seconds = [],
        MetricsFailures = [],
    };
}

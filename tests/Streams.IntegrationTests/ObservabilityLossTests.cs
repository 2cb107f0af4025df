using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Streams.Audit;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>
/// Hops that drop a known number of events report through the real audit path (recorder, flush, streams.audit on the
/// local cluster) to the real auditor, which must show exactly that loss and raise the alert.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class ObservabilityLossTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Auditor_NormaliserDropsFiveOfThreeHundred_LossTableShowsExactlyFiveAndTheAlertFires()
    {
        // Arrange: 300 accepted; the normaliser dead-letters 2, filters 3 (accounted) and silently drops 5.
        var topics = cluster.CreateTopics();
        await using var auditor = await InProcessAuditor.StartAsync(cluster, topics);
        using var hops = new AuditingHops(cluster, topics);
        var minute = PastMinute();
        var ids = Ids("drop", 300);
        var passed = ids[10..];
        hops.Record("ingest", AuditStage.In, minute + 1_000, ids).Record("ingest", AuditStage.Out, minute + 1_000, ids)
            .Record("normaliser", AuditStage.In, minute + 1_000, ids)
            .Record("normaliser", AuditStage.DeadLettered, minute + 1_000, ids[..2])
            .Record("normaliser", AuditStage.Filtered, minute + 1_000, ids[2..5])
            .Record("normaliser", AuditStage.Out, minute + 1_000, passed)
            .Record("egress", AuditStage.In, minute + 1_000, passed).Record("egress", AuditStage.Out, minute + 1_000, passed);

        // Act
        await hops.FlushAsync();
        var alert = await AlertAsync(auditor);
        var bucket = await BucketAsync(auditor, minute);

        // Assert
        var normaliser = Hop(bucket, "normaliser");
        Assert.Equal((300, 290, 2, 3, 300, 295, 5), (
            normaliser.GetProperty("in").GetInt64(), normaliser.GetProperty("out").GetInt64(),
            normaliser.GetProperty("deadLettered").GetInt64(), normaliser.GetProperty("filtered").GetInt64(),
            normaliser.GetProperty("expected").GetInt64(), normaliser.GetProperty("accounted").GetInt64(), normaliser.GetProperty("lost").GetInt64()));
        Assert.Equal(0, Hop(bucket, "ingest").GetProperty("lost").GetInt64());
        Assert.Equal(0, Hop(bucket, "egress").GetProperty("lost").GetInt64());
        var e2e = bucket.GetProperty("endToEnd");
        Assert.Equal((300L, 290L, 295L, 5L), (e2e.GetProperty("accepted").GetInt64(), e2e.GetProperty("delivered").GetInt64(), e2e.GetProperty("accounted").GetInt64(), e2e.GetProperty("lost").GetInt64()));
        Assert.Equal(100.0 * 5 / 300, e2e.GetProperty("lossPercent").GetDouble(), 9);
        Assert.True(bucket.GetProperty("final").GetBoolean());
        Assert.True(bucket.GetProperty("alert").GetBoolean());
        Assert.Contains("5 of 300 accepted events lost", alert, StringComparison.Ordinal);
        Assert.Contains("most at hop normaliser", alert, StringComparison.Ordinal);
        using var http = new HttpClient();
        var exposition = await MetricsText.ScrapeAsync(http, auditor.Url);
        Assert.Equal(5, MetricsText.Value(exposition, "streams_loss_events_total", ("hop", "normaliser")));
        Assert.Equal(5, MetricsText.Value(exposition, "streams_loss_events_total", ("hop", "e2e")));
        Assert.Equal(5.0 / 300, MetricsText.Value(exposition, "streams_loss_ratio", ("hop", "e2e"))!.Value, 9);
    }

    [Fact]
    public async Task Auditor_EgressLossHiddenByADuplicate_ShowsThroughTheDigest()
    {
        // Arrange: egress lost hidden-7 but delivered hidden-8 twice, so its count still matches.
        var topics = cluster.CreateTopics();
        await using var auditor = await InProcessAuditor.StartAsync(cluster, topics);
        using var hops = new AuditingHops(cluster, topics);
        var minute = PastMinute();
        var ids = Ids("hidden", 50);
        var delivered = ids.Where(id => id != "hidden-7").Append("hidden-8").ToArray();
        foreach (var hop in new[] { "ingest", "normaliser" })
        {
            hops.Record(hop, AuditStage.In, minute, ids).Record(hop, AuditStage.Out, minute, ids);
        }

        hops.Record("egress", AuditStage.In, minute, ids).Record("egress", AuditStage.Out, minute, delivered);

        // Act
        await hops.FlushAsync();
        var alert = await AlertAsync(auditor);
        var bucket = await BucketAsync(auditor, minute);

        // Assert
        var egress = Hop(bucket, "egress");
        Assert.Equal(egress.GetProperty("expected").GetInt64(), egress.GetProperty("accounted").GetInt64());
        Assert.False(egress.GetProperty("digestMatches").GetBoolean());
        Assert.True(egress.GetProperty("hiddenLoss").GetBoolean());
        Assert.Equal(1, egress.GetProperty("lost").GetInt64());
        Assert.True(Hop(bucket, "normaliser").GetProperty("digestMatches").GetBoolean());
        Assert.Equal(1, bucket.GetProperty("endToEnd").GetProperty("lost").GetInt64());
        Assert.Contains("hidden by duplicates: True", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LossApi_BadArguments_Answers400ProblemDetails()
    {
        // Arrange
        var topics = cluster.CreateTopics();
        await using var auditor = await InProcessAuditor.StartAsync(cluster, topics);
        using var http = new HttpClient();

        // Act
        using var response = await http.GetAsync(new Uri($"{auditor.Url}/v1/loss?from=yesterday"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("'from' must be an RFC 3339 time", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A minute whose grace period (1 s in these tests) is already over, so it is judged as soon as it is read.</summary>
    private static long PastMinute() => AuditEntry.MinuteOf(DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeMilliseconds());

    private static string[] Ids(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}")];

    private static async Task<string> AlertAsync(InProcessAuditor auditor)
    {
        await Eventually.WaitUntilAsync(
            () => auditor.Logs.Lines.Any(line => line.Level == LogLevel.Error && line.Message.StartsWith("Loss alert", StringComparison.Ordinal)),
            Deadline,
            () => "no loss alert; auditor logged:\n" + string.Join('\n', auditor.Logs.Lines.Select(line => $"{line.Level} {line.Message}")));
        return auditor.Logs.Lines.First(line => line.Level == LogLevel.Error).Message;
    }

    private static async Task<JsonElement> BucketAsync(InProcessAuditor auditor, long minute)
    {
        using var http = new HttpClient();
        var json = await http.GetStringAsync(new Uri($"{auditor.Url}/v1/loss?from={minute}&to={minute + 60_000}"));
        var buckets = JsonDocument.Parse(json).RootElement.GetProperty("buckets");
        return Assert.Single(buckets.EnumerateArray().ToList()).Clone();
    }

    private static JsonElement Hop(JsonElement bucket, string hop) =>
        bucket.GetProperty("hops").EnumerateArray().Single(row => row.GetProperty("hop").GetString() == hop);
}

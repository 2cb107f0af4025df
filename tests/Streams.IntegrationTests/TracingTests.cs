using System.Net;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>Spans per hop, exported over OTLP/HTTP by the real host to a real collector endpoint (issue 14).</summary>
[Collection(ClusterTests.Name)]
public sealed class TracingTests(LocalClusterFixture cluster)
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpanId = "00f067aa0ba902b7";
    private const int ServerKind = 2;
    private const int ConsumerKind = 5;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pipeline_OneEventWithOtlpExport_IngestNormaliserAndEgressSpansFormOneTrace()
    {
        // Arrange
        await using var collector = await OtlpCollector.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, cluster.CreateTopics())
            .Set("Streams__Telemetry__OtlpEndpoint", collector.Url)
            .Set("Streams__Telemetry__OtlpProtocol", "http")
            .Set("Streams__Telemetry__TraceSampleRatio", "1");
        pipeline.Subscribe("traced", receiver.Url);
        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("traceparent", $"00-{TraceId}-{CallerSpanId}-01");

        // Act
        using var accepted = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, CloudEventBatches.Create("traced", 1));
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 1, Deadline, () => "the event was not delivered");
        await Eventually.WaitUntilAsync(
            () => Hop(collector, "egress") is not null,
            Deadline,
            () => $"spans exported: {string.Join(", ", collector.Spans.Select(s => $"{s.Name} {s.TraceId}"))}");

        // Assert: one trace, each hop's span the child of the one before, ingest's the child of the caller's.
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var ingest = Hop(collector, "ingest");
        var normaliser = Hop(collector, "normaliser");
        var egress = Hop(collector, "egress");
        Assert.NotNull(ingest);
        Assert.NotNull(normaliser);
        Assert.NotNull(egress);
        Assert.Equal(CallerSpanId, ingest.ParentSpanId);
        Assert.Equal(ServerKind, ingest.Kind);
        Assert.Equal(ingest.SpanId, normaliser.ParentSpanId);
        Assert.Equal(ConsumerKind, normaliser.Kind);
        Assert.Equal(normaliser.SpanId, egress.ParentSpanId);
        Assert.Equal(ConsumerKind, egress.Kind);
    }

    private static ExportedSpan? Hop(OtlpCollector collector, string hop) =>
        collector.Spans.SingleOrDefault(span => span.TraceId == TraceId && span.Name == $"{hop} process");
}

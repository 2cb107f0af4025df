using System.Net;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>The normaliser over the real local cluster: schema failures, filtered types and duplicate suppression.</summary>
[Collection(ClusterTests.Name)]
public sealed class NormaliserTests(LocalClusterFixture cluster) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _schemas = Directory.CreateTempSubdirectory("normaliser-it-schemas-");
    private readonly HttpClient _http = new();

    [Fact]
    public async Task Normaliser_DataFailsItsSchema_DeadLetteredWithTheSchemaErrorAndTheRestPasses()
    {
        // Arrange
        File.WriteAllText(
            Path.Combine(_schemas.FullName, "test.strict.json"),
            """{"type":"object","required":["orderId"],"properties":{"orderId":{"type":"string"}}}""");
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics).Set("Streams__Normaliser__Schemas__Folder", _schemas.FullName);
        await using var host = pipeline.Start("ingest,normaliser");
        await host.WaitUntilRunningAsync();
        var invalid = CloudEventBatches.Create("strict", 3, type: "test.strict");
        var valid = CloudEventBatches.Create("loose", 5, type: "test.loose");

        // Act
        using var response = await CloudEventBatches.PostAsync(_http, pipeline.IngestUrl, [.. invalid, .. valid]);
        var deadLetters = await TopicReader.ReadAsync(cluster.BootstrapServers, topics.DeadLetters, r => r.Count >= 3, Deadline);
        var normalised = await TopicReader.ReadAsync(cluster.BootstrapServers, topics.Normalised, r => r.Count >= 5, Deadline);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["strict-0", "strict-1", "strict-2"], cluster.Envelopes.EventIds(deadLetters).Order());
        Assert.All(deadLetters, record => Assert.Equal(
            "schema: data does not match the schema of 'test.strict': PropertyRequired at #/orderId",
            record.Message.Headers.GetText(StreamsHeaders.Reason)));
        Assert.Equal(["loose-0", "loose-1", "loose-2", "loose-3", "loose-4"], cluster.Envelopes.EventIds(normalised).Order());
        await MetricsScrape.WaitUntilAsync(_http, pipeline.IngestUrl, "streams_invalid_events_total", "reason=\"schema\"", value => value == 3, Deadline);
    }

    [Fact]
    public async Task Normaliser_TypeDroppedByARule_CountedAsFilteredAndNotDelivered()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, cluster.CreateTopics())
            .Set("Streams__Normaliser__Rules__0__Name", "no-heartbeats")
            .Set("Streams__Normaliser__Rules__0__Type", "test.heartbeat")
            .Set("Streams__Normaliser__Rules__0__Drop", "true");
        pipeline.Subscribe("filtered", receiver.Url);
        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        var noise = CloudEventBatches.Create("beat", 7, type: "test.heartbeat");
        var wanted = CloudEventBatches.Create("order", 4, type: "test.order");

        // Act
        using var response = await CloudEventBatches.PostAsync(_http, pipeline.IngestUrl, [.. noise, .. wanted]);
        await MetricsScrape.WaitUntilAsync(_http, pipeline.IngestUrl, "streams_filtered_events_total", "rule=\"no-heartbeats\"", value => value == 7, Deadline);
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 4, Deadline, () => $"{receiver.DistinctCount} of 4 arrived");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["order-0", "order-1", "order-2", "order-3"], receiver.Deliveries.Keys.Order());
        Assert.Equal(11, await Metric(pipeline.IngestUrl, "streams_events_in_total", "hop=\"normaliser\""));
        Assert.Equal(4, await Metric(pipeline.IngestUrl, "streams_events_out_total", "hop=\"normaliser\""));
        Assert.Equal(4, await Metric(pipeline.IngestUrl, "streams_events_by_type_total", "type=\"test.order\""));
    }

    [Fact]
    public async Task Normaliser_SameBatchPostedTwice_ReachesTheReceiverOnce()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("once", receiver.Url);
        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        var batch = CloudEventBatches.Create("retried", 50);

        // Act: a sender that saw a 503 (or no answer) sends the very same batch again.
        using var first = await CloudEventBatches.PostAsync(_http, pipeline.IngestUrl, batch);
        using var second = await CloudEventBatches.PostAsync(_http, pipeline.IngestUrl, batch);
        await MetricsScrape.WaitUntilAsync(_http, pipeline.IngestUrl, "streams_duplicate_events_total", "hop=\"normaliser\"", value => value == 50, Deadline);
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 50, Deadline, () => $"{receiver.DistinctCount} of 50 arrived");

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(100, await Metric(pipeline.IngestUrl, "streams_events_in_total", "hop=\"normaliser\""));
        Assert.Equal(50, await Metric(pipeline.IngestUrl, "streams_events_out_total", "hop=\"normaliser\""));
        Assert.All(receiver.Deliveries, delivery => Assert.Equal(1, delivery.Value));
    }

    [Fact]
    public async Task Normaliser_KilledAndRestartedInsideTheWindow_StillSuppressesTheResentBatch()
    {
        // Arrange: the normaliser runs in a process of its own, so it can be SIGKILLed while ingest and egress go on.
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("restart", receiver.Url);
        await using var edges = pipeline.Start("ingest,egress");
        var normaliserUrl = $"http://127.0.0.1:{FreePort.Next()}";
        pipeline.Set("Streams__Host__Url", normaliserUrl);
        var normaliser = pipeline.Start("normaliser");
        await Task.WhenAll(edges.WaitUntilRunningAsync(), normaliser.WaitUntilRunningAsync());
        var batch = CloudEventBatches.Create("survivor", 40);
        using var first = await CloudEventBatches.PostAsync(_http, pipeline.IngestUrl, batch);
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 40, Deadline, () => $"{receiver.DistinctCount} of 40 arrived");

        // Act
        normaliser.Kill();
        await normaliser.DisposeAsync();
        await using var restarted = pipeline.Start("normaliser");
        await restarted.WaitUntilRunningAsync();
        using var second = await CloudEventBatches.PostAsync(_http, pipeline.IngestUrl, batch);
        await MetricsScrape.WaitUntilAsync(_http, normaliserUrl, "streams_duplicate_events_total", "hop=\"normaliser\"", value => value >= 40, Deadline);

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(0, await Metric(normaliserUrl, "streams_events_out_total", "hop=\"normaliser\""));
        Assert.Contains(restarted.Output, line => line.Contains("Rebuilt the duplicate window", StringComparison.Ordinal));
        Assert.Equal(40, receiver.DistinctCount);
        Assert.All(receiver.Deliveries, delivery => Assert.Equal(1, delivery.Value));
    }

    public void Dispose()
    {
        _http.Dispose();
        _schemas.Delete(recursive: true);
    }

    private Task<double> Metric(string baseUrl, string name, string label) => MetricsScrape.SumAsync(_http, baseUrl, name, label);
}

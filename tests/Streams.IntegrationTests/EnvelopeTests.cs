using System.Net;
using System.Text;
using Confluent.Kafka;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>
/// Record values are Avro envelopes in every hop: a newer envelope version registered while the pipeline runs is read
/// and delivered, and bytes that are no envelope are dead-lettered with the reason while the hop goes on.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class EnvelopeTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Pipeline_EnvelopeV2RegisteredWhileRunning_HopsReadV2RecordsAndV2ReadersReadWhatTheHopsWrite()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("evolution", receiver.Url);
        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        var before = CloudEventBatches.Create("v1-before", 4);
        using var first = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, before);
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 4, Deadline, () => $"{receiver.DistinctCount} of 4 v1 events arrived");
        var v2Id = await EnvelopeV2.RegisterAsync(cluster.Envelopes.Registry);

        // Act: a v2 producer writes to both topics the hops read; v1 producers (ingest) keep going.
        await ProduceAsync(topics.Ingested, await Task.WhenAll(Enumerable.Range(0, 4).Select(i => V2ValueAsync(v2Id, $"v2-ingested-{i}"))));
        await ProduceAsync(topics.Normalised, await Task.WhenAll(Enumerable.Range(0, 4).Select(i => V2ValueAsync(v2Id, $"v2-normalised-{i}"))));
        using var second = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, CloudEventBatches.Create("v1-after", 4));
        string[] ids = [.. Ids("v1-before"), .. Ids("v2-ingested"), .. Ids("v2-normalised"), .. Ids("v1-after")];
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{receiver.DistinctCount} of {ids.Length} events arrived");
        var normalised = await TopicReader.ReadAsync(cluster.BootstrapServers, topics.Normalised, r => r.Count >= ids.Length, Deadline);
        var readAsV2 = await Task.WhenAll(normalised.Select(record => ReadAsV2Async(record.Message.Value)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(ids.Length, receiver.DistinctCount);
        Assert.NotEqual(cluster.Envelopes.Serializer.SchemaId, v2Id);
        // What the normaliser wrote (v1) reads as v2 with the new field's default; the v2 producer's records keep theirs.
        Assert.Equal(ids.Order(), readAsV2.Select(r => r.Id).Order());
        Assert.All(readAsV2, r => Assert.Equal(r.Id.StartsWith("v2-normalised-", StringComparison.Ordinal) ? "acme" : null, r.Tenant));
        Assert.Equal(12, readAsV2.Count(r => r.Tenant is null));
    }

    [Fact]
    public async Task Pipeline_CorruptedBytesOnIngestedAndNormalised_DeadLetteredWithTheReasonAndLaterEventsDelivered()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("poison", receiver.Url);
        var valid = cluster.Envelopes.Encode("""{"specversion":"1.0","id":"cut","source":"/tests","type":"t","data":{"text":"truncated"}}""");
        var preEnvelope = Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"json","source":"/tests","type":"t"}""");
        byte[] unknownSchema = [0, 0x7F, 0xFF, 0xFF, 0xF0, 2, 0x61];
        // Every partition starts with poison, so every good event after it shows its partition went on.
        foreach (var partition in Enumerable.Range(0, topics.Partitions))
        {
            await ProduceAsync(new TopicPartition(topics.Ingested, partition), preEnvelope, valid[..^3]);
            await ProduceAsync(new TopicPartition(topics.Normalised, partition), unknownSchema);
        }

        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        var good = CloudEventBatches.Create("good", 32);

        // Act
        using var response = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, good);
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == good.Count, Deadline, () => $"{receiver.DistinctCount} of {good.Count} good events arrived");
        var deadLetters = await TopicReader.ReadAsync(cluster.BootstrapServers, topics.DeadLetters, r => r.Count >= 3 * topics.Partitions, Deadline);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(receiver.HasAll(Ids("good", good.Count)));
        var reasons = deadLetters.Select(r => r.Message.Headers.GetText(StreamsHeaders.Reason) ?? "").ToList();
        Assert.Equal(3 * topics.Partitions, reasons.Count);
        Assert.Equal(topics.Partitions, reasons.Count(r => r.StartsWith("undecodable: envelope-not-framed: ", StringComparison.Ordinal)));
        Assert.Equal(topics.Partitions, reasons.Count(r => r.StartsWith("undecodable: envelope-malformed: ", StringComparison.Ordinal)));
        Assert.Equal(topics.Partitions, reasons.Count(r => r.StartsWith("undecodable event: envelope-unknown-schema-id: ", StringComparison.Ordinal)));
        byte[][] poison = [preEnvelope, valid[..^3], unknownSchema];
        Assert.Equal(
            poison.SelectMany(value => Enumerable.Repeat(Convert.ToHexString(value), topics.Partitions)).Order(),
            deadLetters.Select(r => Convert.ToHexString(r.Message.Value)).Order());
    }

    [Fact]
    public async Task Egress_NewSchemaIdWhileTheRegistryIsDown_WaitsInPlaceAndDeliversOnceItIsBack()
    {
        // Arrange: a registry of this test's own, which the egress host and a v2 producer use.
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics(partitions: 2);
        var schemasTopic = topics.Prefix + "_schemas";
        cluster.Cluster.CreateTopic(schemasTopic, partitions: 1, replicationFactor: 3);
        var registryUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var registry = await RegistryServer.StartAsync(cluster.BootstrapServers, schemasTopic, url: registryUrl);
        using var envelopes = await TestEnvelopes.RegisterAsync(registry.Url);
        var v2Id = await EnvelopeV2.RegisterAsync(envelopes.Registry);
        var pipeline = new Pipeline(cluster, topics).Set("Streams__SchemaRegistry__Url", registryUrl);
        pipeline.Subscribe("outage", receiver.Url);
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        await ProduceAsync(topics.Normalised, [envelopes.Encode("""{"specversion":"1.0","id":"v1-first","source":"/tests","type":"t"}""")]);
        await Eventually.WaitUntilAsync(() => receiver.HasAll(["v1-first"]), Deadline, () => "the v1 event did not arrive");
        var v2Values = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => EnvelopeV2.WriteAsync(
            envelopes.Registry, v2Id, envelopes.Encode($$$"""{"specversion":"1.0","id":"v2-{{{i}}}","source":"/tests","type":"t","partitionkey":"k{{{i}}}"}"""), "acme")));

        // Act: the registry goes away before egress has seen the v2 id, and comes back (same state, same address) later.
        await registry.DisposeAsync();
        await ProduceAsync(topics.Normalised, v2Values);
        await host.WaitForOutputAsync(line => line.Contains("Schema registry unavailable", StringComparison.Ordinal), Deadline);
        var exitedDuringOutage = host.HasExited;
        var deliveredDuringOutage = receiver.DistinctCount;
        await using var restarted = await RegistryServer.StartAsync(cluster.BootstrapServers, schemasTopic, url: registryUrl);
        await Eventually.WaitUntilAsync(() => receiver.HasAll(Ids("v2")), Deadline, () => $"{receiver.DistinctCount - 1} of 4 v2 events arrived after the registry came back");
        var noDeadLetter = TopicReader.ReadAsync(cluster.BootstrapServers, topics.DeadLetters, r => r.Count > 0, TimeSpan.FromSeconds(3));

        // Assert
        Assert.False(exitedDuringOutage);
        Assert.Equal(1, deliveredDuringOutage);
        Assert.All(Ids("v2"), id => Assert.Equal(1, receiver.Deliveries[id]));
        await Assert.ThrowsAsync<TimeoutException>(() => noDeadLetter);
    }

    private static IEnumerable<string> Ids(string prefix, int count = 4) => Enumerable.Range(0, count).Select(i => $"{prefix}-{i}");

    private Task<byte[]> V2ValueAsync(int v2Id, string id) => EnvelopeV2.WriteAsync(
        cluster.Envelopes.Registry,
        v2Id,
        cluster.Envelopes.Encode($$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/tests/v2","type":"test.created","partitionkey":"{{{id}}}","data":{"v":2}}"""),
        "acme");

    private async Task<(string Id, string? Tenant)> ReadAsV2Async(byte[] value)
    {
        var record = await EnvelopeV2.ReadAsLatestAsync(cluster.Envelopes.Registry, value);
        return ((string)record["id"], (string?)record["tenant"]);
    }

    private Task ProduceAsync(string topic, byte[][] values) =>
        ProduceAsync(values.Select((value, index) => (new TopicPartitionOffset(topic, Partition.Any, Offset.Unset), value, index)));

    private Task ProduceAsync(TopicPartition partition, params byte[][] values) =>
        ProduceAsync(values.Select((value, index) => (new TopicPartitionOffset(partition, Offset.Unset), value, index)));

    private async Task ProduceAsync(IEnumerable<(TopicPartitionOffset Target, byte[] Value, int Index)> records)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Acks = Acks.All }).Build();
        foreach (var (target, value, index) in records)
        {
            var headers = new Headers();
            headers.SetMilliseconds(StreamsHeaders.EventTime, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var message = new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes($"key-{index}"), Value = value, Headers = headers };
            await (target.Partition == Partition.Any ? producer.ProduceAsync(target.Topic, message) : producer.ProduceAsync(target.TopicPartition, message));
        }
    }
}

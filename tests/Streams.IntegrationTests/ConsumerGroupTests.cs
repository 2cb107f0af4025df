using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;
using Streams.Kafka.Consuming;

namespace Streams.IntegrationTests;

/// <summary>
/// The pipeline's consumer engine in a consumer group on the local cluster, with its cooperative-sticky assignment:
/// a second member joins while records are still being produced. (Under the eager assignors the mock coordinator
/// refuses the commit made while partitions are revoked, so the new owner starts from the last background commit.)
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class ConsumerGroupTests(LocalClusterFixture cluster)
{
    private const int Partitions = 6;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ConsumerEngine_SecondMemberJoinsMidStream_EveryRecordHandledAndOnlyUncommittedOnesTwice()
    {
        // Arrange: the producer stops by itself at the deadline should the test fail before it stops it.
        var topic = $"t{Guid.NewGuid():N}.group";
        cluster.Cluster.CreateTopic(topic, Partitions);
        var options = new KafkaOptions { BootstrapServers = cluster.BootstrapServers };
        var clients = new KafkaClientFactory(Options.Create(options), NullLoggerFactory.Instance);
        var settings = new ConsumerEngineSettings("group-" + Guid.NewGuid().ToString("N"), [topic]) { MaxBatchSize = 20, MaxBatchWait = TimeSpan.FromMilliseconds(20) };
        using var producing = new CancellationTokenSource(Deadline);
        var produced = ProduceUntilStoppedAsync(topic, producing.Token);
        await using var first = new RecordingGroupMember("first", clients, settings);
        await Eventually.WaitUntilAsync(() => first.RecordCount >= 100, Deadline, () => $"the first member handled {first.RecordCount} records");

        // Act
        await using var second = new RecordingGroupMember("second", clients, settings);
        await Eventually.WaitUntilAsync(() => second.RecordCount >= 100, Deadline, () => $"the second member handled {second.RecordCount} records");
        await producing.CancelAsync();
        var written = await produced;
        var inspector = new TopicInspector(cluster.BootstrapServers);
        await Eventually.WaitUntilAsync(() => inspector.IsCommittedToEnd(settings.GroupId, topic), Deadline, () => "the group has not committed every partition to its end");
        await Task.WhenAll(first.StopAsync(), second.StopAsync());

        // Assert: at-least-once lets a record be handled again only when its batch finished after its partition moved.
        var batches = first.Batches.Concat(second.Batches).ToList();
        var handled = batches.SelectMany(batch => batch.Records).Select(Coordinates).ToList();
        var uncommitted = batches.Where(batch => batch.CommitFailed).SelectMany(batch => batch.Records).Select(Coordinates).ToHashSet();
        var twice = handled.GroupBy(record => record).Where(times => times.Count() > 1).Select(times => times.Key).ToList();
        Assert.Equal(written.Select(Coordinates).Order(), handled.Distinct().Order());
        Assert.True(
            twice.All(uncommitted.Contains),
            $"{twice.Count} records handled twice, {uncommitted.Count} of them after their partition moved; engine logs:\n"
                + string.Join("\n", first.Logs.Lines.Concat(second.Logs.Lines).Select(line => $"{line.Level} {line.Category}: {line.Message}")));
        // Cooperative: only the partitions that move are revoked, half of them.
        Assert.Equal(Partitions / 2, first.Revocations.First().Count);
    }

    private static (int Partition, long Offset) Coordinates(TopicPartitionOffset record) => (record.Partition.Value, record.Offset.Value);

    /// <summary>Produces to every partition in turn, one acknowledged record at a time, until stopped; returns what was written.</summary>
    private async Task<List<TopicPartitionOffset>> ProduceUntilStoppedAsync(string topic, CancellationToken stop)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Acks = Acks.All }).Build();
        var written = new List<TopicPartitionOffset>();
        while (!stop.IsCancellationRequested)
        {
            var partition = new TopicPartition(topic, written.Count % Partitions);
            var result = await producer.ProduceAsync(partition, new Message<byte[]?, byte[]> { Value = BitConverter.GetBytes(written.Count) }, CancellationToken.None);
            written.Add(result.TopicPartitionOffset);
        }

        return written;
    }
}

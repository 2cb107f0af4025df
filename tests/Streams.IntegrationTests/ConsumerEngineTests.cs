using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streams.DevCluster;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;
using Streams.Kafka.Consuming;
using Streams.Telemetry;

namespace Streams.IntegrationTests;

/// <summary>The consumer engine on the local cluster: lost partitions, a failing batch, the bound on pending work, and batches gathering behind a running one.</summary>
[Collection(ClusterTests.Name)]
public sealed class ConsumerEngineTests(LocalClusterFixture cluster)
{
    private const int Partitions = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PartitionsLost_WorkFinishingAfterwards_IsNotCommittedAndIsHandledAgainAfterRejoining()
    {
        // Arrange: the first batches are kept in flight until the member has lost its partitions.
        var (topic, clients, settings) = Setup("lost");
        var written = await ProduceAsync(topic, 30);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var member = new RecordingGroupMember("member", clients, settings, () => gate.Task);
        await Eventually.WaitUntilAsync(() => member.Batches.Any(), Deadline, () => "no batch was handled");

        // Act: the coordinator forgets the member, as after a missed session; librdkafka reports the partitions lost.
        cluster.Cluster.PushRequestErrors(KafkaApi.Heartbeat, ErrorCode.UnknownMemberId);
        try
        {
            await Eventually.WaitUntilAsync(() => member.Losses.Any(), Deadline, () => "the member never lost its partitions");
        }
        finally
        {
            cluster.Cluster.ClearRequestErrors(KafkaApi.Heartbeat);
            gate.SetResult();
        }

        var inspector = new TopicInspector(cluster.BootstrapServers);
        await Eventually.WaitUntilAsync(() => inspector.IsCommittedToEnd(settings.GroupId, topic), Deadline, () => "the group did not commit every partition to its end");

        // Assert: lost is not revoked; the batches that finished after the loss did not count, and their records
        // were handled again once the member had rejoined.
        Assert.Empty(member.Revocations);
        var late = member.Batches.Where(batch => batch.CommitFailed).SelectMany(batch => batch.Records).ToList();
        Assert.NotEmpty(late);
        var handled = member.Batches.SelectMany(batch => batch.Records).ToList();
        Assert.All(late, record => Assert.Equal(2, handled.Count(other => other == record)));
        Assert.Equal(written.Select(Coordinates).Order(), handled.Select(Coordinates).Distinct().Order());
    }

    [Fact]
    public async Task HandlerThrows_ItsPartitionIsReadAgainFromTheBatch_WhileTheOthersGoOn()
    {
        // Arrange: the first batch of partition 0 fails once.
        var (topic, clients, settings) = Setup("throws");
        var written = await ProduceAsync(topic, 60);
        var failing = new FailingOnceHandler(new TopicPartition(topic, 0));
        var engine = new ConsumerEngine(clients, settings, failing, new StreamsMetrics(Prometheus.Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        // Act
        var running = engine.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => failing.Done.Count == written.Count, Deadline, () => $"{failing.Done.Count} of {written.Count} records done");
        await stop.CancelAsync();
        await running;

        // Assert: every record done once; the failed batch's records were offered twice, nothing else was.
        Assert.Equal(written.Select(Coordinates).Order(), failing.Done.Select(Coordinates).Order());
        Assert.All(failing.Offered.GroupBy(record => record), times => Assert.Equal(failing.Failed.Contains(times.Key) ? 2 : 1, times.Count()));
        Assert.NotEmpty(failing.Failed);
    }

    [Fact]
    public async Task RecordsNeverDone_FetchingStopsAtThePendingBound()
    {
        // Arrange: nothing is ever marked done, so nothing becomes committable.
        var (topic, clients, settings) = Setup("bound");
        settings = settings with { MaxPendingPerPartition = 40, MaxBatchSize = 10 };
        await ProduceAsync(topic, 600);
        var inspector = new TopicInspector(cluster.BootstrapServers);
        var neverDone = new NeverDoneHandler();
        var engine = new ConsumerEngine(clients, settings, neverDone, new StreamsMetrics(Prometheus.Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = engine.RunAsync(stop.Token);

        // Act: wait until every partition has reached its bound, then give the engine time to overrun it.
        await Eventually.WaitUntilAsync(
            () => neverDone.Offered.GroupBy(r => r.Partition).Count(p => p.Count() >= 40) == Partitions,
            Deadline,
            () => $"{neverDone.Offered.Count} records handled");
        var atBound = neverDone.Offered.Count;
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await running;

        // Assert: at most the bound plus what was already fetched when it was reached, per partition; nothing committed.
        Assert.All(neverDone.Offered.GroupBy(r => r.Partition), p => Assert.InRange(p.Count(), 40, 40 + (2 * 10)));
        Assert.Equal(atBound, neverDone.Offered.Count);
        Assert.False(inspector.IsCommittedToEnd(settings.GroupId, topic));
    }

    [Fact]
    public async Task RecordsArriveWhileABatchRuns_TheyGatherIntoOneBatchInsteadOfQueueingSmallOnes()
    {
        // Arrange: a lone record's batch is held running; 40 more records of its partition are then read one by one.
        var (topic, clients, settings) = Setup("gather");
        settings = settings with { MaxBatchSize = 100, Hop = "gather" };
        var metrics = new Prometheus.CollectorRegistry();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new GatedHandler(gate.Task);
        var engine = new ConsumerEngine(clients, settings, handler, new StreamsMetrics(metrics), TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = engine.RunAsync(stop.Token);
        await ProduceAsync(topic, 1, partition: 0);
        await Eventually.WaitUntilAsync(() => !handler.Batches.IsEmpty, Deadline, () => "the first record was not handed out");
        foreach (var _ in Enumerable.Range(0, 40))
        {
            await ProduceAsync(topic, 1, partition: 0);
        }

        await Eventually.WaitUntilAsync(
            async () => MetricsText.Value(await MetricsText.ExportAsync(metrics), "streams_lag_in_seconds_count", ("hop", "gather")) == 41,
            Deadline,
            () => "the engine did not read all 41 records");

        // Act: the running batch returns.
        gate.SetResult();
        await Eventually.WaitUntilAsync(() => handler.Batches.Sum(batch => batch.Count) == 41, Deadline, () => $"{handler.Batches.Sum(b => b.Count)} of 41 handed out");
        await stop.CancelAsync();
        await running;

        // Assert: the lone record went out alone, at once; the 40 read meanwhile came as one batch, in order.
        Assert.Equal([1, 40], handler.Batches.Select(batch => batch.Count));
        Assert.Equal(Enumerable.Range(1, 40).Select(offset => (long)offset), handler.Batches.Last().Select(record => record.Offset.Value));
    }

    private static (int Partition, long Offset) Coordinates(TopicPartitionOffset record) => (record.Partition.Value, record.Offset.Value);

    private (string Topic, KafkaClientFactory Clients, ConsumerEngineSettings Settings) Setup(string name)
    {
        var topic = $"t{Guid.NewGuid():N}.{name}";
        cluster.Cluster.CreateTopic(topic, Partitions);
        var clients = new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = cluster.BootstrapServers }), NullLoggerFactory.Instance);
        var settings = new ConsumerEngineSettings($"group-{Guid.NewGuid():N}", [topic]) { MaxBatchSize = 5, CommitInterval = TimeSpan.FromMilliseconds(100) };
        return (topic, clients, settings);
    }

    private async Task<List<TopicPartitionOffset>> ProduceAsync(string topic, int count, int? partition = null)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Acks = Acks.All }).Build();
        var written = new List<TopicPartitionOffset>();
        for (var i = 0; i < count; i++)
        {
            // The event time lets a hop record lag-in, which tells a test how many records the engine has read.
            var headers = new Headers();
            headers.SetMilliseconds(StreamsHeaders.EventTime, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var message = new Message<byte[]?, byte[]> { Value = BitConverter.GetBytes(i), Headers = headers };
            var result = await producer.ProduceAsync(new TopicPartition(topic, partition ?? (i % Partitions)), message);
            written.Add(result.TopicPartitionOffset);
        }

        return written;
    }

    /// <summary>Takes every record and never marks one done.</summary>
    private sealed class NeverDoneHandler : IRecordHandler
    {
        public ConcurrentQueue<TopicPartitionOffset> Offered { get; } = new();

        public Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken)
        {
            foreach (var record in batch.Records)
            {
                Offered.Enqueue(record.Result.TopicPartitionOffset);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Keeps the first batch running until its gate opens; records every batch, each record done once handed.</summary>
    private sealed class GatedHandler(Task gate) : IRecordHandler
    {
        public ConcurrentQueue<List<TopicPartitionOffset>> Batches { get; } = new();

        public async Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken)
        {
            var first = Batches.IsEmpty;
            Batches.Enqueue(batch.Records.Select(record => record.Result.TopicPartitionOffset).ToList());
            if (first)
            {
                await gate;
            }

            foreach (var record in batch.Records)
            {
                record.Done.Complete();
            }
        }
    }

    /// <summary>Fails the first batch of one partition, then handles everything.</summary>
    private sealed class FailingOnceHandler(TopicPartition failOn) : IRecordHandler
    {
        private int _failed;

        public ConcurrentBag<TopicPartitionOffset> Offered { get; } = [];

        public ConcurrentBag<TopicPartitionOffset> Done { get; } = [];

        public HashSet<TopicPartitionOffset> Failed { get; } = [];

        public Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken)
        {
            foreach (var record in batch.Records)
            {
                Offered.Add(record.Result.TopicPartitionOffset);
            }

            if (batch.Partition == failOn && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                Failed.UnionWith(batch.Records.Select(record => record.Result.TopicPartitionOffset));
                throw new InvalidOperationException("the handler failed once");
            }

            foreach (var record in batch.Records)
            {
                record.Done.Complete();
                Done.Add(record.Result.TopicPartitionOffset);
            }

            return Task.CompletedTask;
        }
    }
}

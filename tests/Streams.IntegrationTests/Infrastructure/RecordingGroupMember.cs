using System.Collections.Concurrent;
using Confluent.Kafka;
using Streams.Kafka;
using Streams.Kafka.Consuming;
using Streams.Telemetry;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// One consumer-group member in the test process: the pipeline's own <see cref="ConsumerEngine"/>, with a handler that
/// records every batch, every revocation and every loss, and marks the batches finished too late to count (their
/// partition was taken away while they ran, so their offsets were not committed by this member).
/// </summary>
public sealed class RecordingGroupMember : IRecordHandler, IAsyncDisposable
{
    private readonly ConcurrentQueue<HandledBatch> _batches = new();
    private readonly ConcurrentQueue<IReadOnlyList<TopicPartition>> _revocations = new();
    private readonly ConcurrentQueue<IReadOnlyList<TopicPartition>> _losses = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts the member.</summary>
    /// <param name="name">Its name in the recorded batches.</param>
    /// <param name="clients">The clients it is built from.</param>
    /// <param name="settings">The engine's settings.</param>
    /// <param name="hold">Awaited before each batch's records are marked done, so a test can keep work in flight.</param>
    public RecordingGroupMember(string name, KafkaClientFactory clients, ConsumerEngineSettings settings, Func<Task>? hold = null)
    {
        Name = name;
        Hold = hold ?? (() => Task.CompletedTask);
        var engine = new ConsumerEngine(clients, settings, this, new StreamsMetrics(Prometheus.Metrics.NewCustomRegistry()), TimeProvider.System, Logs.CreateLogger(name));
        _loop = engine.RunAsync(_stop.Token);
    }

    public string Name { get; }

    /// <summary>What the member's engine logged, for failure messages.</summary>
    public CapturedLogs Logs { get; } = new();

    public IEnumerable<HandledBatch> Batches => _batches;

    /// <summary>The partitions taken from this member, one entry per rebalance that took any.</summary>
    public IEnumerable<IReadOnlyList<TopicPartition>> Revocations => _revocations;

    /// <summary>The partitions this member lost, one entry per loss.</summary>
    public IEnumerable<IReadOnlyList<TopicPartition>> Losses => _losses;

    public int RecordCount => _batches.Sum(batch => batch.Records.Count);

    private Func<Task> Hold { get; }

    public async Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var handled = new HandledBatch(Name, [.. batch.Records.Select(record => record.Result.TopicPartitionOffset)]);
        _batches.Enqueue(handled);
        await Hold();
        foreach (var record in batch.Records)
        {
            record.Done.Complete();
        }

        handled.CommitFailed = batch.Records.Any(record => record.Done.IsAbandoned);
    }

    public void OnPartitionsRevoked(IReadOnlyList<TopicPartition> partitions) => _revocations.Enqueue(partitions);

    public void OnPartitionsLost(IReadOnlyList<TopicPartition> partitions) => _losses.Enqueue(partitions);

    /// <summary>Stops the engine, which leaves the group; afterwards <see cref="Batches"/> is complete.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}

using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Kafka;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// One consumer-group member in the test process: the pipeline's own <see cref="ManualCommitConsumerLoop"/>, with a
/// handler that records every batch and every revocation, and a log that marks the batches whose commit failed
/// (the loop commits on its own thread right after the handler returns, so a failure belongs to the last batch).
/// </summary>
public sealed class RecordingGroupMember : IRecordBatchHandler, IPartitionsRevokedListener, IAsyncDisposable
{
    private readonly ConcurrentQueue<HandledBatch> _batches = new();
    private readonly ConcurrentQueue<IReadOnlyList<TopicPartition>> _revocations = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private HandledBatch? _last;

    public RecordingGroupMember(string name, KafkaClientFactory clients, ConsumerLoopSettings settings)
    {
        Name = name;
        _loop = new ManualCommitConsumerLoop(clients, settings, this, new CommitFailureLog(this)).RunAsync(_stop.Token);
    }

    public string Name { get; }

    public IEnumerable<HandledBatch> Batches => _batches;

    /// <summary>The partitions taken from this member, one entry per rebalance that took any.</summary>
    public IEnumerable<IReadOnlyList<TopicPartition>> Revocations => _revocations;

    public int RecordCount => _batches.Sum(batch => batch.Records.Count);

    public Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var handled = new HandledBatch(Name, [.. batch.Select(record => record.TopicPartitionOffset)]);
        _last = handled;
        _batches.Enqueue(handled);
        return Task.CompletedTask;
    }

    public void OnPartitionsRevoked(IReadOnlyList<TopicPartition> partitions) => _revocations.Enqueue(partitions);

    /// <summary>Stops the loop, which leaves the group; afterwards <see cref="Batches"/> is complete.</summary>
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

    private sealed class CommitFailureLog(RecordingGroupMember member) : ILogger<ManualCommitConsumerLoop>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // ConsumedBatch.Commit's warning is the only one that carries the offsets it tried to commit.
            if (logLevel == LogLevel.Warning && state is IEnumerable<KeyValuePair<string, object?>> values && values.Any(value => value.Key == "Offsets"))
            {
                member._last!.CommitFailed = true;
            }
        }
    }
}

using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Telemetry;

namespace Streams.Kafka.Consuming;

/// <summary>
/// The pipeline's one consumer: a poll thread that reads, hands each partition's records to the hop in batches on a
/// lane of its own (in order within a partition, partitions in parallel), and commits in the background up to the
/// first record not done (stored offsets, librdkafka's auto commit). At-least-once: nothing is committed before its
/// work is durable, so after a crash or a rebalance only uncommitted records come again.
/// </summary>
/// <remarks>
/// A partition is paused while it has too much pending (<see cref="ConsumerEngineSettings.MaxPendingPerPartition"/>)
/// and while a batch holds it (<see cref="PartitionBatch.HoldFrom"/>). Assignment is cooperative-sticky: a rebalance
/// takes away only the partitions that move. Revoked partitions have their finished prefix committed; lost ones have
/// nothing committed, as another member may own them already.
/// </remarks>
public sealed class ConsumerEngine
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StoreInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ConsumeErrorPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(5);
    private readonly Dictionary<TopicPartition, PartitionLane> _lanes = [];
    private readonly ConcurrentQueue<HoldRequest> _holds = new();
    private readonly KafkaClientFactory _clients;
    private readonly ConsumerEngineSettings _settings;
    private readonly IRecordHandler _handler;
    private readonly StreamsMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private CancellationToken _stopping;
    private KafkaException? _fatal;
    private volatile bool _caughtUp;

    /// <summary>Prepares an engine; <see cref="RunAsync"/> starts it.</summary>
    public ConsumerEngine(
        KafkaClientFactory clients, ConsumerEngineSettings settings, IRecordHandler handler, StreamsMetrics metrics, TimeProvider clock, ILogger logger)
    {
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// True once the engine has read up to the end of every partition it was assigned, as the ends were when it
    /// looked: a reader that rebuilds state from its topic is not to be trusted before.
    /// </summary>
    public bool CaughtUp => _caughtUp;

    /// <summary>
    /// Runs on a thread of its own until <paramref name="stopping"/>; then drains (lets running batches and work handed
    /// on finish, within the drain time), commits what is done and leaves the group. Faults on a fatal client error.
    /// </summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.Factory.StartNew(() => Run(stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stopping)
    {
        _stopping = stopping;
        using var consumer = _clients.CreateConsumer(_settings, new RebalanceHandlers(OnAssigned, OnRevoked, OnLost));
        consumer.Subscribe(_settings.Topics);
        _logger.LogInformation("Consumer group {Group} subscribed to {Topics}", _settings.GroupId, _settings.Topics);
        try
        {
            var lastStore = _clock.GetTimestamp();
            while (!stopping.IsCancellationRequested)
            {
                if (_fatal is { } fatal)
                {
                    throw new KafkaException(fatal.Error, fatal);
                }

                ApplyHolds(consumer);
                ResumeDue(consumer);
                Throttle(consumer);
                Fill(consumer);
                if (_clock.GetElapsedTime(lastStore) >= StoreInterval)
                {
                    Store(consumer);
                    lastStore = _clock.GetTimestamp();
                }
            }
        }
        finally
        {
            Drain(consumer);
            // Leave the group so the partitions move to another member at once, not after a session timeout; the
            // stored offsets are committed on the way out.
            consumer.Close();
            _logger.LogInformation("Consumer group {Group} left", _settings.GroupId);
        }
    }

    private void Fill(IConsumer<byte[]?, byte[]> consumer)
    {
        var first = Consume(consumer, NextWait());
        if (first is null)
        {
            _caughtUp = _caughtUp || IsCaughtUp(consumer);
            return;
        }

        Add(first);
        var read = 1;
        var started = _clock.GetTimestamp();
        while (read < _settings.MaxBatchSize && !_stopping.IsCancellationRequested)
        {
            var remaining = _settings.MaxBatchWait - _clock.GetElapsedTime(started);
            var next = Consume(consumer, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            if (next is null)
            {
                break;
            }

            Add(next);
            read++;
        }

        foreach (var lane in _lanes.Values)
        {
            lane.Flush();
        }
    }

    private void Add(ConsumeResult<byte[]?, byte[]> record)
    {
        if (!_lanes.TryGetValue(record.TopicPartition, out var lane))
        {
            // Read just before its partition went away: the new owner reads it.
            return;
        }

        var hop = _settings.Hop;
        var consumed = lane.Add(record, hop is null ? null : HopTracing.StartHop(hop, record.Message.Headers));
        if (hop is not null && consumed.EventTime is { } eventTime)
        {
            _metrics.RecordLagIn(hop, _clock.GetUtcNow() - eventTime);
        }
    }

    private ConsumeResult<byte[]?, byte[]>? Consume(IConsumer<byte[]?, byte[]> consumer, TimeSpan wait)
    {
        try
        {
            return consumer.Consume(wait);
        }
        catch (ConsumeException exception) when (!exception.Error.IsFatal)
        {
            _logger.LogWarning(exception, "Consume failed ({Code}); going on", exception.Error.Code);
            _stopping.WaitHandle.WaitOne(ConsumeErrorPause);
            return null;
        }
    }

    /// <summary>The poll wait: short enough to resume a hold on time.</summary>
    private TimeSpan NextWait()
    {
        var wait = PollInterval;
        var now = _clock.GetUtcNow();
        foreach (var lane in _lanes.Values)
        {
            if (lane.HeldUntil is { } until && until - now < wait)
            {
                wait = until - now;
            }
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private void ApplyHolds(IConsumer<byte[]?, byte[]> consumer)
    {
        while (_holds.TryDequeue(out var hold))
        {
            if (!_lanes.TryGetValue(hold.Lane.Partition, out var lane) || lane != hold.Lane || !lane.Apply(hold))
            {
                continue;
            }

            try
            {
                consumer.Pause([lane.Partition]);
                consumer.Seek(new TopicPartitionOffset(lane.Partition, hold.Offset));
            }
            catch (KafkaException exception) when (!exception.Error.IsFatal)
            {
                // The partition is going away; its next owner starts from the last commit.
                _logger.LogDebug(exception, "Could not hold {Partition} at {Offset}", lane.Partition, hold.Offset);
            }
        }
    }

    private void ResumeDue(IConsumer<byte[]?, byte[]> consumer)
    {
        var now = _clock.GetUtcNow();
        foreach (var lane in _lanes.Values)
        {
            if (lane.EndHoldIfDue(now) && !lane.Throttled)
            {
                consumer.Resume([lane.Partition]);
            }
        }
    }

    private void Throttle(IConsumer<byte[]?, byte[]> consumer)
    {
        foreach (var lane in _lanes.Values)
        {
            var pending = lane.Tracker.Count;
            if (!lane.Throttled && pending >= _settings.MaxPendingPerPartition)
            {
                lane.Throttled = true;
                consumer.Pause([lane.Partition]);
            }
            else if (lane.Throttled && pending < _settings.MaxPendingPerPartition / 2)
            {
                lane.Throttled = false;
                if (lane.HeldUntil is null)
                {
                    consumer.Resume([lane.Partition]);
                }
            }
        }
    }

    private void Store(IConsumer<byte[]?, byte[]> consumer)
    {
        foreach (var lane in _lanes.Values)
        {
            Store(consumer, lane);
        }
    }

    /// <summary>Stores the partition's finished prefix, which the client commits at its next auto commit.</summary>
    private void Store(IConsumer<byte[]?, byte[]> consumer, PartitionLane lane)
    {
        if (lane.Tracker.TakeCommittable() is not { } offset)
        {
            return;
        }

        try
        {
            if (_settings.Commits)
            {
                consumer.StoreOffset(new TopicPartitionOffset(lane.Partition, offset));
            }

            // The client's cached high watermark: no broker round-trip on the consuming thread.
            var end = consumer.GetWatermarkOffsets(lane.Partition).High;
            if (end != Offset.Unset)
            {
                _metrics.SetConsumerLag(lane.Partition.Topic, lane.Partition.Partition.Value, _settings.GroupId, Math.Max(0, end.Value - offset));
            }
        }
        catch (KafkaException exception) when (!exception.Error.IsFatal)
        {
            _logger.LogDebug(exception, "Could not store offset {Offset} of {Partition}", offset, lane.Partition);
        }
    }

    private void OnAssigned(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _lanes[partition] = new PartitionLane(partition, _settings.MaxBatchSize, _handler, _holds, Fail, _clock, _logger, _stopping);
        }

        _caughtUp = false;
        _logger.LogInformation("Partitions {Partitions} assigned", partitions);
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]> consumer, List<TopicPartitionOffset> revoked)
    {
        var partitions = Release(revoked, lane => Store(consumer, lane));
        CommitBeforeHandingOver(consumer, partitions);
        _handler.OnPartitionsRevoked(partitions);
        _logger.LogInformation("Partitions {Partitions} revoked; committed what was done", partitions);
    }

    private void OnLost(IConsumer<byte[]?, byte[]> consumer, List<TopicPartitionOffset> lost)
    {
        var partitions = Release(lost, _ => { });
        _handler.OnPartitionsLost(partitions);
        _logger.LogWarning("Partitions {Partitions} lost; their unfinished work is left to their new owner", partitions);
    }

    /// <summary>
    /// Commits the revoked partitions' stored offsets before the rebalance goes on, so their next owner starts after
    /// what is done here (a background commit could still be on its way when it fetches its starting offsets).
    /// </summary>
    private void CommitBeforeHandingOver(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions)
    {
        if (!_settings.Commits || partitions.Count == 0)
        {
            return;
        }

        try
        {
            // Every stored offset, synchronously: those of the partitions staying are only committed a little early.
            consumer.Commit();
        }
        catch (KafkaException exception) when (exception.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing was done since the last commit.
        }
        catch (KafkaException exception) when (!exception.Error.IsFatal)
        {
            _logger.LogWarning(exception, "Committing {Partitions} before handing them over failed; their next owner may handle some records again", partitions);
        }
    }

    private List<TopicPartition> Release(List<TopicPartitionOffset> released, Action<PartitionLane> beforeClose)
    {
        var partitions = released.Select(tpo => tpo.TopicPartition).ToList();
        foreach (var partition in partitions)
        {
            if (_lanes.Remove(partition, out var lane))
            {
                beforeClose(lane);
                lane.Close();
            }
        }

        return partitions;
    }

    private void Fail(KafkaException exception) => Interlocked.CompareExchange(ref _fatal, exception, null);

    /// <summary>
    /// Graceful stop: nothing more is handed out; running batches and the work the handler handed on finish within the
    /// drain time, their offsets stored as they finish; after that the rest is abandoned uncommitted.
    /// </summary>
    private void Drain(IConsumer<byte[]?, byte[]> consumer)
    {
        var lanes = _lanes.Values.ToList();
        lanes.ForEach(lane => lane.StopHandingOut());
        using var abort = new CancellationTokenSource();
        var drained = Task.WhenAll(lanes.Select(lane => lane.Tail))
            .ContinueWith(_ => _handler.DrainAsync(abort.Token), CancellationToken.None, TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default)
            .Unwrap();
        var started = _clock.GetTimestamp();
        while (!drained.IsCompleted && _clock.GetElapsedTime(started) < _settings.DrainTimeout)
        {
            // WhenAny never throws, whatever became of the work.
            Task.WhenAny(drained, Task.Delay(StoreInterval)).Wait();
            Store(consumer);
        }

        if (!drained.IsCompleted)
        {
            _logger.LogWarning("Work still in flight after {DrainTimeout}; abandoning it uncommitted", _settings.DrainTimeout);
            abort.Cancel();
            Task.WhenAny(drained, Task.Delay(AbortGrace)).Wait();
        }

        Store(consumer);
    }

    private bool IsCaughtUp(IConsumer<byte[]?, byte[]> consumer)
    {
        var assignment = consumer.Assignment;
        if (assignment.Count == 0)
        {
            return false;
        }

        try
        {
            return assignment.All(partition =>
            {
                var watermarks = consumer.QueryWatermarkOffsets(partition, WatermarkTimeout);
                var position = consumer.Position(partition);
                return watermarks.High.Value <= (position.IsSpecial ? watermarks.Low.Value : position.Value);
            });
        }
        catch (KafkaException exception)
        {
            _logger.LogDebug(exception, "Watermarks unavailable; asking again on the next idle poll");
            return false;
        }
    }
}

using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Audit;
using Streams.Egress.Dispatch;
using Streams.Egress.Retries;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Egress;

/// <summary>
/// Consumes <c>streams.normalised</c> and fans each event out to the lanes of its subscriptions, which deliver
/// in parallel; commits per partition only up to the first event not yet done for every subscription
/// (a <see cref="PartitionOffsetTracker"/> each). At-least-once: after a crash only uncommitted events come again.
/// </summary>
internal sealed class EgressConsumer
{
    private const string Hop = "egress";
    private static readonly TimeSpan PausedPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(5);
    private readonly Dictionary<TopicPartition, PartitionOffsetTracker> _trackers = [];
    private readonly KafkaClientFactory _clients;
    private readonly EgressOptions _options;
    private readonly EnvelopeSerializer _serializer;
    private readonly IReadOnlyList<SubscriptionDispatcher> _subscriptions;
    private readonly FailedBatchWriter _failures;
    private readonly StreamsMetrics _metrics;
    private readonly AuditRecorder _audit;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort;
    private readonly TimeSpan _commitInterval;
    private readonly RegistryWait _registryWait;
    private int _uncommitted;
    private bool _paused;

    public EgressConsumer(
        KafkaClientFactory clients,
        EgressOptions options,
        EnvelopeSerializer serializer,
        IReadOnlyList<SubscriptionDispatcher> subscriptions,
        FailedBatchWriter failures,
        StreamsMetrics metrics,
        AuditRecorder audit,
        TimeProvider clock,
        ILogger logger,
        CancellationTokenSource abort)
    {
        _audit = audit;
        _clients = clients;
        _options = options;
        _serializer = serializer;
        _subscriptions = subscriptions;
        _failures = failures;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _abort = abort;
        _commitInterval = TimeSpan.FromMilliseconds(options.CommitIntervalMs);
        _registryWait = new RegistryWait(clock, logger);
    }

    /// <summary>Consumes until <paramref name="stopping"/>, then drains, commits and leaves the group.</summary>
    public void Run(CancellationToken stopping)
    {
        using var consumer = _clients.CreateConsumer(_options.GroupId, OnRevoked);
        consumer.Subscribe(_clients.Options.Topics.Normalised);
        _logger.LogInformation("Egress group {Group} consuming {Topic} for {Count} subscriptions", _options.GroupId, _clients.Options.Topics.Normalised, _subscriptions.Count);
        try
        {
            var lastCommit = _clock.GetTimestamp();
            while (!stopping.IsCancellationRequested)
            {
                Throttle(consumer);
                _registryWait.ResumeDue(consumer, resume: !_paused);
                if (TryConsume(consumer, stopping) is { } record)
                {
                    Dispatch(consumer, record);
                }

                if (_clock.GetElapsedTime(lastCommit) >= _commitInterval)
                {
                    Commit(consumer);
                    lastCommit = _clock.GetTimestamp();
                }
            }
        }
        finally
        {
            Drain(consumer);
            // Leave the group so the partitions move to another member at once, not after a session timeout.
            consumer.Close();
            _logger.LogInformation("Egress group {Group} left", _options.GroupId);
        }
    }

    /// <summary>
    /// Stops fetching while too many records are uncommitted (a slow subscription, a long outage), so memory
    /// and what a crash re-delivers stay bounded; resumes at half the limit.
    /// </summary>
    private void Throttle(IConsumer<byte[]?, byte[]> consumer)
    {
        if (!_paused && _uncommitted >= _options.MaxUncommittedRecords)
        {
            consumer.Pause(consumer.Assignment);
            _paused = true;
        }
        else if (_paused && _uncommitted < _options.MaxUncommittedRecords / 2)
        {
            consumer.Resume(consumer.Assignment);
            _paused = false;
        }
    }

    private ConsumeResult<byte[]?, byte[]>? TryConsume(IConsumer<byte[]?, byte[]> consumer, CancellationToken stopping)
    {
        try
        {
            return consumer.Consume(_paused ? PausedPoll : _commitInterval);
        }
        catch (ConsumeException exception) when (!exception.Error.IsFatal)
        {
            _logger.LogWarning(exception, "Consume failed ({Code}); going on", exception.Error.Code);
            stopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            return null;
        }
    }

    private void Dispatch(IConsumer<byte[]?, byte[]> consumer, ConsumeResult<byte[]?, byte[]> record)
    {
        CloudEventEnvelope? cloudEvent = null;
        EnvelopeDecodeException? undecodable = null;
        try
        {
            cloudEvent = _serializer.Deserialize(record.Message.Value);
        }
        catch (EnvelopeDecodeException exception)
        {
            undecodable = exception;
        }
        catch (SchemaRegistryUnavailableException exception)
        {
            // Not the record's fault (never dead-lettered for it) and no reason to stop the host: nothing is counted or
            // tracked for the record yet, so its partition waits and reads it again (see RegistryWait).
            _registryWait.Hold(consumer, record, exception);
            return;
        }

        if (!_trackers.TryGetValue(record.TopicPartition, out var tracker))
        {
            tracker = new PartitionOffsetTracker(record.TopicPartition);
            _trackers.Add(record.TopicPartition, tracker);
        }

        _uncommitted++;
        _metrics.CountEventsIn(Hop);
        DateTimeOffset? eventTime = record.Message.Headers.TryGetMilliseconds(StreamsHeaders.EventTime, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        if (eventTime is { } time)
        {
            _metrics.RecordLagIn(Hop, _clock.GetUtcNow() - time);
        }

        var audited = new AuditedEvent(
            eventTime?.ToUnixTimeMilliseconds() ?? record.Message.Timestamp.UnixTimestampMs,
            EventIdentity.TryRead(record.Message.Headers, out var identity) ? identity : EventIdentity.Of(record.Topic, $"{record.Partition.Value}/{record.Offset.Value}"));
        _audit.Record(Hop, AuditStage.In, audited.EventTimeMs, audited.Identity);
        if (cloudEvent is null)
        {
            // A poison record: nobody can be sent it, so it is parked with the reason and the partition moves on.
            var poison = tracker.Track(record.Offset.Value, work: 1);
            _ = DeadLetterPoisonAsync(record, poison, audited, $"{undecodable!.ReasonCode}: {undecodable.Message}");
            return;
        }

        var type = cloudEvent.Type;

        var matches = 0;
        foreach (var subscription in _subscriptions)
        {
            matches += subscription.Endpoint.Matches(type) ? 1 : 0;
        }

        var outgoing = new OutgoingEvent(
            record, cloudEvent, tracker.Track(record.Offset.Value, matches), eventTime, _clock.GetTimestamp(), _audit.FanOut(Hop, audited.EventTimeMs, audited.Identity, matches));
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Endpoint.Matches(type))
            {
                subscription.Enqueue(outgoing);
            }
        }
    }

    private async Task DeadLetterPoisonAsync(ConsumeResult<byte[]?, byte[]> record, TrackedOffset offset, AuditedEvent audited, string reason)
    {
        var failure = new DeliveryFailure("", 0, 0, "undecodable event: " + reason, _clock.GetUtcNow());
        try
        {
            await _failures.ToDeadLettersAsync([record], failure, "undecodable", _abort.Token);
            _audit.Record(Hop, AuditStage.DeadLettered, audited.EventTimeMs, audited.Identity);
            offset.Complete();
        }
        catch (OperationCanceledException)
        {
            // Stopped before Kafka acknowledged it: left uncommitted, so consumed again next time.
        }
    }

    /// <summary>Commits every partition's finished prefix that moved since the last commit.</summary>
    private void Commit(IConsumer<byte[]?, byte[]> consumer) => Commit(consumer, _trackers.Values.ToList());

    private void Commit(IConsumer<byte[]?, byte[]> consumer, IReadOnlyList<PartitionOffsetTracker> trackers)
    {
        var offsets = new List<TopicPartitionOffset>();
        var taken = new List<PartitionOffsetTracker>();
        foreach (var tracker in trackers)
        {
            if (tracker.TakeCommittable() is { } offset)
            {
                offsets.Add(new TopicPartitionOffset(tracker.Partition, offset));
                taken.Add(tracker);
            }
        }

        _uncommitted = _trackers.Values.Sum(t => t.Count);
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            RecordConsumerLag(consumer, offsets);
        }
        catch (KafkaException exception) when (!exception.Error.IsFatal)
        {
            // The work is done; the offsets are offered again at the next commit.
            taken.ForEach(tracker => tracker.CommitFailed());
            _logger.LogWarning(exception, "Commit of {Offsets} failed; will try again", offsets);
        }
    }

    private void RecordConsumerLag(IConsumer<byte[]?, byte[]> consumer, List<TopicPartitionOffset> committed)
    {
        foreach (var offset in committed)
        {
            // The client's cached high watermark: no broker round-trip on the consuming thread.
            var end = consumer.GetWatermarkOffsets(offset.TopicPartition).High;
            if (end != Offset.Unset)
            {
                _metrics.SetConsumerLag(offset.Topic, offset.Partition.Value, _options.GroupId, Math.Max(0, end.Value - offset.Offset.Value));
            }
        }
    }

    /// <summary>
    /// Rebalance: commit what is done on the partitions going away, then drop the rest; the new owner
    /// starts from that commit, so nothing is lost and finished work is not repeated.
    /// </summary>
    private void OnRevoked(IConsumer<byte[]?, byte[]> consumer, List<TopicPartitionOffset> revoked)
    {
        var leaving = revoked
            .Select(tpo => _trackers.GetValueOrDefault(tpo.TopicPartition))
            .OfType<PartitionOffsetTracker>()
            .ToList();
        Commit(consumer, leaving);
        _registryWait.Forget(revoked.Select(tpo => tpo.TopicPartition));
        foreach (var tracker in leaving)
        {
            tracker.Revoke();
            _trackers.Remove(tracker.Partition);
        }

        _uncommitted = _trackers.Values.Sum(t => t.Count);
        // The next assignment starts unpaused.
        _paused = false;
        _logger.LogInformation("Partitions {Partitions} revoked; committed what was done", revoked.Select(tpo => tpo.TopicPartition));
    }

    /// <summary>
    /// Graceful stop: no more fetching; lanes finish the batch they are on (a batch waiting to retry is
    /// handed to the retry tier), within the drain time-out; then whatever is done is committed.
    /// </summary>
    private void Drain(IConsumer<byte[]?, byte[]> consumer)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Complete();
        }

        var lanes = Task.WhenAll(_subscriptions.Select(s => s.Completion));
        var deadline = _clock.GetTimestamp();
        while (!lanes.IsCompleted && _clock.GetElapsedTime(deadline) < TimeSpan.FromMilliseconds(_options.DrainTimeoutMs))
        {
            // WhenAny never throws, whatever became of the lanes.
            Task.WhenAny(lanes, Task.Delay(_commitInterval)).Wait();
            Commit(consumer);
        }

        if (!lanes.IsCompleted)
        {
            _logger.LogWarning("Deliveries still in flight after {DrainTimeoutMs} ms; abandoning them uncommitted", _options.DrainTimeoutMs);
            _abort.Cancel();
            Task.WhenAny(lanes, Task.Delay(AbortGrace)).Wait();
        }

        Commit(consumer);
    }
}

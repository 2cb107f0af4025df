using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Audit;
using Streams.Kafka;
using Streams.Kafka.Consuming;
using Streams.Normaliser.Deduplication;
using Streams.Normaliser.Normalisation;
using Streams.Receipts;
using Streams.Telemetry;

namespace Streams.Normaliser;

/// <summary>
/// Normalises a batch of ingested records: canonical events to <c>streams.normalised</c>, invalid ones to
/// <c>streams.dlq</c> with the reason, filtered and duplicate ones counted. Returns once everything it produced is
/// acknowledged, and only then marks its records done, so the engine commits only what is durably on the next topic;
/// only then are the batch's ids added to the duplicate windows and its counts recorded (a failed batch is consumed
/// again and must not find its own ids there). Partitions run in parallel, each on its own duplicate window.
/// </summary>
public sealed class NormaliserBatchHandler(
    KafkaProducerHandle producer,
    IOptions<KafkaOptions> kafka,
    IOptions<NormaliserOptions> options,
    EventNormaliser normaliser,
    DuplicateWindows windows,
    StreamsMetrics metrics,
    AuditRecorder audit,
    ReceiptWriter receipts,
    TimeProvider clock,
    ILogger<NormaliserBatchHandler> logger) : IRecordHandler
{
    /// <summary>The <c>hop</c> label of the normaliser's metrics.</summary>
    public const string Hop = "normaliser";

    private readonly string _output = kafka.Value.Topics.Normalised;
    private readonly string _deadLetters = kafka.Value.Topics.DeadLetters;
    private readonly EventTypeLabels _typeLabels = new(options.Value.MaxTypeLabels);

    /// <inheritdoc />
    public async Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var started = clock.GetUtcNow();
        var tally = new BatchTally();
        var delivery = new DeliveryBatch();
        try
        {
            foreach (var record in batch.Records)
            {
                Handle(record, started, delivery, tally, cancellationToken);
            }
        }
        finally
        {
            delivery.Seal();
        }

        await delivery.Completion;
        Settle(batch.Records.Count, started, tally);
        WriteReceipts(tally);
        foreach (var record in batch.Records)
        {
            record.Done.Complete();
        }
    }

    /// <inheritdoc />
    public void OnPartitionsRevoked(IReadOnlyList<TopicPartition> partitions) => windows.Forget(partitions);

    private void Handle(ConsumedRecord record, DateTimeOffset now, DeliveryBatch delivery, BatchTally tally, CancellationToken cancellationToken)
    {
        var times = new RecordTimes(record.EventTime?.ToUnixTimeMilliseconds(), record.IngestTimeMs);
        var result = normaliser.Normalise(record.Message.Value ?? [], times);
        var eventTimeMs = record.EventTimeMs;
        var identity = record.Identity;
        tally.Audit.Add((AuditStage.In, eventTimeMs, identity));
        switch (result.Outcome)
        {
            case NormalisationOutcome.Filtered:
                tally.Filtered.Add(result.Reason);
                tally.Audit.Add((AuditStage.Filtered, eventTimeMs, identity));
                AddReceipt(tally, result, ReceiptOutcome.Filtered, null);
                break;
            case NormalisationOutcome.Invalid:
                var parked = Position();
                DeadLetter(record, result, now, delivery, parked, cancellationToken);
                tally.Invalid.Add(result.Reason);
                tally.Audit.Add((AuditStage.DeadLettered, eventTimeMs, identity));
                AddReceipt(tally, result, ReceiptOutcome.DeadLettered, parked);
                break;
            default:
                var written = Position();
                var passed = Pass(record, result, times, now, delivery, tally, written, cancellationToken);
                tally.Audit.Add((passed ? AuditStage.Out : AuditStage.Duplicate, eventTimeMs, identity));
                AddReceipt(tally, result, passed ? ReceiptOutcome.Normalised : ReceiptOutcome.Duplicate, passed ? written : null);
                break;
        }
    }

    /// <summary>Where a record will have been written, when receipts say so; null when they are off.</summary>
    private RecordPosition? Position() => receipts.Enabled ? new RecordPosition() : null;

    private void AddReceipt(BatchTally tally, NormalisationResult result, ReceiptOutcome outcome, RecordPosition? position)
    {
        // An undecodable record has no source and id to be looked up by.
        if (receipts.Enabled && result.Id.Length > 0)
        {
            tally.Receipts.Add((result, outcome, position));
        }
    }

    private void WriteReceipts(BatchTally tally)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = receipts.StartBatch();
        foreach (var (result, outcome, position) in tally.Receipts)
        {
            var stage = outcome == ReceiptOutcome.Duplicate ? ReceiptStages.Duplicate : ReceiptStages.Normaliser;
            batch.Add(stage, result.Source, result.Id, new Receipt(outcome, now)
            {
                Partition = position?.Partition,
                Offset = position?.Offset,
                Reason = outcome switch
                {
                    ReceiptOutcome.DeadLettered => result.Detail,
                    ReceiptOutcome.Filtered => "dropped by rule " + result.Reason,
                    _ => null,
                },
            });
        }

        receipts.Write(batch);
    }

    /// <summary>Writes the event on; false when it is a duplicate and was suppressed instead.</summary>
    private bool Pass(
        ConsumedRecord record,
        NormalisationResult result,
        RecordTimes times,
        DateTimeOffset now,
        DeliveryBatch delivery,
        BatchTally tally,
        RecordPosition? position,
        CancellationToken cancellationToken)
    {
        var window = windows.For(record.Partition, now, cancellationToken);
        if (tally.Expired.Add(window))
        {
            window.Expire(now.ToUnixTimeMilliseconds());
        }

        var key = DuplicateWindow.Key(result.Source, result.Id);
        // Within the batch too: two requests of a retrying sender can land in one batch.
        if (window.Contains(key) || !tally.Keys.Add((window, key)))
        {
            tally.Duplicates++;
            return false;
        }

        var message = new Message<byte[]?, byte[]> { Key = record.Message.Key, Value = result.Value!, Headers = record.Message.Headers.Copy() };
        HopTracing.Inject(message.Headers, record.Span);
        delivery.ProduceWaiting(producer.Producer, _output, message, cancellationToken, position);
        tally.Passed.Add((result.Type, times.EventTimeMs));
        return true;
    }

    private void DeadLetter(
        ConsumedRecord record, NormalisationResult result, DateTimeOffset now, DeliveryBatch delivery, RecordPosition? position, CancellationToken cancellationToken)
    {
        var headers = record.Message.Headers.Copy();
        headers.SetText(StreamsHeaders.Reason, result.Detail);
        headers.SetMilliseconds(StreamsHeaders.FirstFailure, now.ToUnixTimeMilliseconds());
        var message = new Message<byte[]?, byte[]> { Key = record.Message.Key, Value = record.Message.Value ?? [], Headers = headers };
        delivery.ProduceWaiting(producer.Producer, _deadLetters, message, cancellationToken, position);
        logger.LogWarning(
            "Dead-lettered {Topic}/{Partition}@{Offset}: {Reason}",
            record.Partition.Topic, record.Partition.Partition.Value, record.Offset, result.Detail);
    }

    private void Settle(int consumed, DateTimeOffset started, BatchTally tally)
    {
        var acknowledged = clock.GetUtcNow();
        foreach (var (stage, eventTimeMs, identity) in tally.Audit)
        {
            audit.Record(Hop, stage, eventTimeMs, identity);
        }

        foreach (var (window, key) in tally.Keys)
        {
            var evicted = window.Add(key, started.ToUnixTimeMilliseconds());
            if (evicted > 0)
            {
                metrics.CountDedupEvictions(Hop, evicted);
            }
        }

        metrics.CountEventsIn(Hop, consumed);
        metrics.CountEventsOut(Hop, tally.Passed.Count);
        foreach (var (type, eventTimeMs) in tally.Passed)
        {
            metrics.CountEventsByType(Hop, _typeLabels.For(type));
            if (eventTimeMs is { } time)
            {
                metrics.RecordLagOut(Hop, acknowledged - DateTimeOffset.FromUnixTimeMilliseconds(time));
            }
        }

        if (tally.Passed.Count > 0)
        {
            metrics.RecordProcessDuration(Hop, (acknowledged - started) / tally.Passed.Count);
        }

        foreach (var rule in tally.Filtered)
        {
            metrics.CountFilteredEvents(Hop, rule);
        }

        foreach (var reason in tally.Invalid)
        {
            metrics.CountInvalidEvent(Hop, reason);
            metrics.CountDeadLetter(subscription: "", reason);
        }

        if (tally.Duplicates > 0)
        {
            metrics.CountDuplicateEvents(Hop, tally.Duplicates);
        }
    }
}

using Microsoft.Extensions.Logging;
using Streams.Audit;
using Streams.Egress.Dispatch;
using Streams.Delivery.Retries;
using Streams.Envelope;
using Streams.Kafka.Consuming;
using Streams.Telemetry;

namespace Streams.Egress;

/// <summary>
/// Egress as a consumer-engine hop: each event of <c>streams.normalised</c> is decoded and fanned out to the lanes of
/// its subscriptions, which deliver in parallel; the event is done (and its offset committable) once every matching
/// subscription has settled it. At-least-once: after a crash only uncommitted events come again.
/// </summary>
internal sealed partial class EgressRecordHandler(
    EnvelopeSerializer serializer,
    IReadOnlyList<SubscriptionDispatcher> subscriptions,
    FailedBatchWriter failures,
    StreamsMetrics metrics,
    AuditRecorder audit,
    TimeProvider clock,
    ILogger logger,
    CancellationTokenSource abort) : IRecordHandler
{
    /// <summary>The <c>hop</c> label of egress's metrics.</summary>
    public const string Hop = "egress";

    /// <summary>How long a partition waits before a record whose writer schema could not be fetched is read again.</summary>
    public static readonly TimeSpan RegistryRetryDelay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var record in batch.Records)
        {
            if (!Dispatch(batch, record))
            {
                break;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Graceful stop: lanes finish the batch they are on (a batch waiting to retry is handed to the retry tier);
    /// when the engine's drain time is up, deliveries in flight are cancelled and left uncommitted.
    /// </summary>
    public async Task DrainAsync(CancellationToken abortDrain)
    {
        await using var registration = abortDrain.Register(abort.Cancel);
        foreach (var subscription in subscriptions)
        {
            subscription.Complete();
        }

        await Task.WhenAll(subscriptions.Select(s => s.Completion));
    }

    /// <summary>Fans one record out; false when its partition has to wait for the registry (the rest of the batch waits too).</summary>
    private bool Dispatch(PartitionBatch batch, ConsumedRecord record)
    {
        CloudEventEnvelope? cloudEvent = null;
        EnvelopeDecodeException? undecodable = null;
        try
        {
            cloudEvent = serializer.Deserialize(record.Message.Value);
        }
        catch (EnvelopeDecodeException exception)
        {
            undecodable = exception;
        }
        catch (SchemaRegistryUnavailableException exception)
        {
            // Not the record's fault (never dead-lettered for it) and no reason to stop the host: nothing is counted for
            // the record yet, so its partition waits and reads it again, while the other partitions keep flowing.
            LogWaitingForRegistry(exception, record.Partition.ToString(), record.Offset, RegistryRetryDelay);
            batch.HoldFrom(record, clock.GetUtcNow() + RegistryRetryDelay);
            return false;
        }

        metrics.CountEventsIn(Hop);
        audit.Record(Hop, AuditStage.In, record.EventTimeMs, record.Identity);
        if (cloudEvent is null)
        {
            // A poison record: nobody can be sent it, so it is parked with the reason and the partition moves on.
            _ = DeadLetterPoisonAsync(record, $"{undecodable!.ReasonCode}: {undecodable.Message}");
            return true;
        }

        var type = cloudEvent.Type;
        var matches = 0;
        foreach (var subscription in subscriptions)
        {
            matches += subscription.Endpoint.Matches(type) ? 1 : 0;
        }

        record.Done.Expect(matches);
        var outgoing = new OutgoingEvent(
            record.Result, cloudEvent, record.Done, record.EventTime, clock.GetTimestamp(), audit.FanOut(Hop, record.EventTimeMs, record.Identity, matches));
        foreach (var subscription in subscriptions)
        {
            if (subscription.Endpoint.Matches(type))
            {
                subscription.Enqueue(outgoing);
            }
        }

        return true;
    }

    private async Task DeadLetterPoisonAsync(ConsumedRecord record, string reason)
    {
        var failure = new DeliveryFailure("", 0, 0, "undecodable event: " + reason, clock.GetUtcNow());
        try
        {
            await failures.ToDeadLettersAsync([record.Result], failure, "undecodable", abort.Token);
            audit.Record(Hop, AuditStage.DeadLettered, record.EventTimeMs, record.Identity);
            record.Done.Complete();
        }
        catch (OperationCanceledException)
        {
            // Stopped before Kafka acknowledged it: left uncommitted, so consumed again next time.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema registry unavailable for {Partition} at offset {Offset}; reading it again in {Delay}")]
    private partial void LogWaitingForRegistry(Exception cause, string partition, long offset, TimeSpan delay);
}

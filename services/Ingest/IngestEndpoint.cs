using Confluent.Kafka;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Audit;
using Streams.Envelope;
using Streams.Ingest.CloudEvents;
using Streams.Ingest.Security;
using Streams.Kafka;
using Streams.Kafka.Topics;
using Streams.Receipts;
using Streams.Telemetry;

namespace Streams.Ingest;

/// <summary>
/// <c>POST /v1/events</c>: answers 200 only after Kafka acknowledged (acks=all) every event of this
/// request; anything less is a 4xx (nothing written) or a 503 the sender can safely retry.
/// </summary>
public sealed class IngestEndpoint(
    IOptions<IngestOptions> options,
    IOptions<KafkaOptions> kafka,
    KafkaProducerHandle producer,
    ProducerHealth health,
    ApiKeyAuthenticator authenticator,
    SenderRateLimiter rateLimiter,
    StreamsMetrics metrics,
    AuditRecorder audit,
    EnvelopeSerializerProvider envelopes,
    TopicReadiness topics,
    ReceiptWriter receipts,
    TimeProvider clock,
    ILogger<IngestEndpoint> logger)
{
    /// <summary>The hop name in metrics.</summary>
    public const string Hop = "ingest";

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly IngestOptions _options = options.Value;
    private readonly string _topic = kafka.Value.Topics.Ingested;
    private readonly CloudEventBatchReader _reader = new(options.Value.MaxDepth, options.Value.MaxEventsPerRequest, options.Value.MaxEventBytes);

    /// <summary>Handles one request.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Ingest's span: the parent of the normaliser's, through the traceparent stamped on every record.
        using var span = HopTracing.StartRequest(Hop, request.Headers.TraceParent);
        if (authenticator.Authenticate(request) is not { } sender)
        {
            return IngestProblems.Unauthenticated();
        }

        if (!rateLimiter.TryAcquire(sender, out var wait))
        {
            return IngestProblems.RateLimited(sender.Name, wait);
        }

        if (IngestMediaTypes.Classify(request.ContentType) is not { } mediaType)
        {
            return IngestProblems.UnsupportedMediaType(request.ContentType);
        }

        if (request.ContentLength > _options.MaxBodyBytes)
        {
            return IngestProblems.TooLarge($"The body is {request.ContentLength} bytes; at most {_options.MaxBodyBytes} are accepted.");
        }

        var body = await RequestBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return IngestProblems.TooLarge($"The body exceeds {_options.MaxBodyBytes} bytes.");
        }

        var receivedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        BatchReadResult batch;
        try
        {
            batch = _reader.Read(body.Value, mediaType == IngestMediaType.SingleEvent, receivedAt);
        }
        catch (BatchTooLargeException exception)
        {
            return IngestProblems.TooLarge(exception.Message);
        }

        if (!batch.IsValid)
        {
            foreach (var problem in batch.Problems)
            {
                metrics.CountInvalidEvent(Hop, problem.Field ?? "body");
            }

            return IngestProblems.InvalidEvents(batch.Problems);
        }

        var forbidden = batch.Events
            .Select((valid, index) => (valid, index))
            .Where(e => !sender.MaySend(e.valid.Source))
            .Select(e => new EventProblem(e.index, "source", $"The key '{sender.Name}' may not send source '{e.valid.Source}'."))
            .ToList();
        if (forbidden.Count > 0)
        {
            return IngestProblems.Forbidden(forbidden);
        }

        if (health.KafkaKnownDown || health.FatalError is not null)
        {
            // Queueing now would only hold the sender for the full time-out and then fail anyway.
            return IngestProblems.Unavailable("Kafka is unreachable; retry shortly.", RetryAfter);
        }

        if (topics.ProblemsOf(Hop) is { Count: > 0 } problems)
        {
            // Written now, the events would wait out the ack time-out for a topic that is not there.
            return IngestProblems.Unavailable($"Streams is not ready: {string.Join("; ", problems)}; retry shortly.", RetryAfter);
        }

        if (envelopes.Current is not { } serializer)
        {
            // The envelope schema is registered after start-up (possibly with this very process); until then nothing can be written.
            return IngestProblems.Unavailable("The schema registry has not answered yet; retry shortly.", RetryAfter);
        }

        var values = new byte[batch.Events.Count][];
        for (var index = 0; index < values.Length; index++)
        {
            values[index] = serializer.Serialize(batch.Events[index].Event.Envelope);
        }

        metrics.CountEventsIn(Hop, batch.Events.Count);
        return await WriteAsync(batch.Events, values, receivedAt, TraceParent.For(request, span), cancellationToken);
    }

    private async Task<IResult> WriteAsync(IReadOnlyList<ValidEvent> events, byte[][] values, long receivedAt, string traceParent, CancellationToken cancellationToken)
    {
        var delivery = new DeliveryBatch();
        // Each event's identity for the loss auditor, computed once here and carried in a header to later hops.
        var identities = events.Select(valid => EventIdentity.Of(valid.Source, valid.Id)).ToArray();
        var positions = receipts.Enabled ? new RecordPosition[events.Count] : null;
        try
        {
            for (var index = 0; index < events.Count; index++)
            {
                var position = positions is null ? null : positions[index] = new RecordPosition();
                delivery.Produce(producer.Producer, _topic, ToMessage(events[index].Event, values[index], identities[index], receivedAt, traceParent), position);
            }
        }
        catch (ProduceException<byte[]?, byte[]> exception)
        {
            // Queue full or producer unusable: say so now rather than buffer without bound.
            // Records already handed over may still be written; the sender's retry is deduplicated by event id.
            logger.LogWarning("Producer refused a record ({Code}); answering 503", exception.Error.Code);
            return IngestProblems.Unavailable("Kafka is not keeping up; retry shortly.", RetryAfter);
        }
        finally
        {
            delivery.Seal();
        }

        try
        {
            await delivery.Completion.WaitAsync(TimeSpan.FromMilliseconds(_options.AckTimeoutMs), cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Kafka did not acknowledge {Count} events within {Timeout} ms; answering 503", events.Count, _options.AckTimeoutMs);
            return IngestProblems.Unavailable("Kafka did not acknowledge the events in time; retrying the same batch is safe.", RetryAfter);
        }
        catch (KafkaException exception)
        {
            logger.LogWarning("Kafka failed to acknowledge events ({Code}: {Reason}); answering 503", exception.Error.Code, exception.Error.Reason);
            return IngestProblems.Unavailable("Kafka did not acknowledge the events; retrying the same batch is safe.", RetryAfter);
        }

        RecordAcknowledged(events, identities, receivedAt);
        if (positions is not null)
        {
            WriteReceipts(events, identities, positions);
        }

        return Results.Ok(new { accepted = events.Count });
    }

    private void WriteReceipts(IReadOnlyList<ValidEvent> events, ulong[] identities, RecordPosition[] positions)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = receipts.StartBatch();
        for (var index = 0; index < events.Count; index++)
        {
            var position = positions[index];
            batch.Add(
                ReceiptStages.Accepted,
                events[index].Source,
                events[index].Id,
                identities[index],
                new Receipt(ReceiptOutcome.Accepted, now) { Partition = position.Partition, Offset = position.Offset });
        }

        receipts.Write(batch);
    }

    private void RecordAcknowledged(IReadOnlyList<ValidEvent> events, ulong[] identities, long receivedAt)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var index = 0; index < events.Count; index++)
        {
            var eventTime = events[index].Event.EventTimeMs;
            // Lag-in is measured at arrival but recorded with lag-out, once the event is accepted, so both count
            // the same events (what the sender was answered 200 for) and their difference is ingest's own time.
            metrics.RecordLagIn(Hop, TimeSpan.FromMilliseconds(receivedAt - eventTime));
            metrics.RecordLagOut(Hop, TimeSpan.FromMilliseconds(now - eventTime));
            audit.Record(Hop, AuditStage.In, eventTime, identities[index]);
            audit.Record(Hop, AuditStage.Out, eventTime, identities[index]);
        }

        metrics.CountEventsOut(Hop, events.Count);
    }

    private static Message<byte[]?, byte[]> ToMessage(IncomingEvent incoming, byte[] value, ulong identity, long receivedAt, string traceParent)
    {
        var headers = new Headers();
        EventIdentity.Stamp(headers, identity);
        headers.SetMilliseconds(StreamsHeaders.EventTime, incoming.EventTimeMs);
        headers.SetMilliseconds(StreamsHeaders.IngestTime, receivedAt);
        headers.SetText(StreamsHeaders.TraceParent, traceParent);
        return new Message<byte[]?, byte[]>
        {
            Key = System.Text.Encoding.UTF8.GetBytes(incoming.Key),
            Value = value,
            Headers = headers,
        };
    }
}

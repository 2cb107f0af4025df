using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streams.Audit;
using Streams.Delivery;
using Streams.Delivery.Retries;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Kafka.Consuming;
using Streams.Receipts;
using Streams.Telemetry;

namespace Streams.Retrier;

/// <summary>
/// Delivers one group of due retry records with egress's own delivery code (signing, classification, local
/// retries, circuit breaker), then settles it: delivered; rejected → dead letter; still failing → next tier or,
/// with attempts or age spent, dead letter; not sent because the circuit is open → back into its own tier, due when
/// the circuit lets a probe through, its attempts unchanged. Returns only once that outcome is acknowledged by Kafka, and only then
/// audits the events: the retrier is a branch hop of the audit (its events come from egress's retry hand-offs), and it
/// counts each event's <see cref="AuditStage.In"/> together with its outcome, so a group read again after a failure is
/// counted once and the retrier's row balances.
/// </summary>
public sealed class RetryDeliverer
{
    /// <summary>The hop name in metrics.</summary>
    public const string Hop = "retrier";

    private readonly SubscriptionEndpoints _endpoints;
    private readonly FailedBatchWriter _writer;
    private readonly SubscriptionReceipts _receipts;
    private readonly RetrierOptions _options;
    private readonly IReadOnlyList<RetryTier> _tiers;
    private readonly TopicOptions _topics;
    private readonly StreamsMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly AuditRecorder _audit;
    private readonly EnvelopeSerializerProvider _envelopes;

    /// <summary>Delivers through the process's shared endpoints, so egress and the retrier share each subscription's rate limit and circuit.</summary>
    public RetryDeliverer(
        SubscriptionEndpoints endpoints,
        IOptions<RetrierOptions> options,
        IOptions<KafkaOptions> kafka,
        FailedBatchWriter writer,
        SubscriptionReceipts receipts,
        StreamsMetrics metrics,
        EnvelopeSerializerProvider envelopes,
        AuditRecorder audit,
        TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(kafka);
        _endpoints = endpoints;
        _writer = writer;
        _receipts = receipts;
        _options = options.Value;
        _topics = kafka.Value.Topics;
        _tiers = [.. _topics.RetryTiers.Select(RetryTier.Parse)];
        _metrics = metrics;
        _clock = clock;
        _audit = audit;
        _envelopes = envelopes;
    }

    /// <summary>The topics the retrier reads.</summary>
    public IReadOnlyList<string> Topics => [.. _tiers.Select(t => _topics.RetryTier(t.Name))];

    /// <summary>Delivers and settles one group (see <see cref="RetryBatches"/>).</summary>
    public async Task SettleAsync(IReadOnlyList<ConsumedRecord> group, CancellationToken stopping, CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(group);
        var now = _clock.GetUtcNow();
        var failure = RetryRecord.TryReadFailure(group[0].Message.Headers);
        var subscription = group[0].Message.Headers.GetText(StreamsHeaders.Subscription) ?? "";
        if (failure is null || !_endpoints.TryGet(subscription, out var endpoint))
        {
            var reason = failure is null ? "malformed retry record: failure headers missing" : $"subscription '{subscription}' is not configured";
            await _writer.ToDeadLettersAsync(Results(group), new DeliveryFailure(subscription, failure?.Attempts ?? 0, 0, reason, now), "unroutable", abort);
            Audit(group, AuditStage.DeadLettered);
            return;
        }

        var decoded = new List<(ConsumedRecord Record, CloudEventEnvelope Event)>(group.Count);
        foreach (var record in group)
        {
            try
            {
                decoded.Add((record, _envelopes.Ready.Deserialize(record.Message.Value)));
            }
            catch (EnvelopeDecodeException exception)
            {
                // A poison record: no receiver can be sent it, so it is parked with the reason and the rest go on.
                var reason = $"undecodable event: {exception.ReasonCode}: {exception.Message}";
                await _writer.ToDeadLettersAsync([record.Result], failure with { Reason = reason }, "undecodable", abort);
                Audit([record], AuditStage.DeadLettered);
            }
        }

        foreach (var chunk in decoded.Chunk(endpoint.Options.BatchSize))
        {
            await SettleChunkAsync(endpoint, [.. chunk.Select(c => c.Record)], [.. chunk.Select(c => c.Event)], failure, CurrentTier(chunk[0].Record.Partition.Topic), stopping, abort);
        }
    }

    private async Task SettleChunkAsync(
        SubscriptionEndpoint endpoint,
        ConsumedRecord[] records,
        CloudEventEnvelope[] events,
        DeliveryFailure before,
        RetryTier tier,
        CancellationToken stopping,
        CancellationToken abort)
    {
        var chunk = Results(records);
        var batch = WebhookBatch.Create(endpoint.Name, chunk, events);
        var result = await endpoint.DeliverAsync(batch, stopping, abort);
        var now = _clock.GetUtcNow();
        var failure = before with
        {
            Attempts = before.Attempts + result.Attempts,
            // An open circuit makes no request: the receiver's last real answer stays the one on record.
            LastStatus = result.Attempts == 0 ? before.LastStatus : result.Outcome.Status,
            Reason = result.Outcome.Reason,
        };
        var receipt = new Receipt(ReceiptOutcome.Delivered, 0) { Status = failure.LastStatus, Attempts = failure.Attempts, WebhookId = batch.Id };
        switch (result.Outcome.Kind)
        {
            case DeliveryOutcomeKind.Delivered:
                _metrics.CountDeliveries(endpoint.Name, "delivered", chunk.Length);
                _metrics.CountEventsOut(Hop, chunk.Length);
                foreach (var record in records)
                {
                    RecordLag(record, now, _metrics.RecordLagOut);
                }

                Audit(records, AuditStage.Out);
                break;
            case DeliveryOutcomeKind.Rejected:
                await _writer.ToDeadLettersAsync(chunk, failure, "rejected", abort);
                Audit(records, AuditStage.DeadLettered);
                receipt = receipt with { Outcome = ReceiptOutcome.DeadLettered, Reason = failure.Reason };
                break;
            default:
                var step = result.CircuitOpenFor is { } wait
                    ? RetryStep.Held(before, tier, _options, now, wait)
                    : RetryStep.After(failure, tier, _tiers, _options, now);
                if (step.Tier is { } next)
                {
                    await _writer.ToRetryTierAsync(chunk, batch, step.Failure, next, step.NotBefore, abort);
                    Audit(records, AuditStage.RetryHandedOff);
                    receipt = receipt with
                    {
                        Outcome = ReceiptOutcome.Retrying,
                        Status = step.Failure.LastStatus,
                        Attempts = step.Failure.Attempts,
                        Tier = next.Name,
                        NextAttemptMs = step.NotBefore.ToUnixTimeMilliseconds(),
                        Reason = step.Failure.Reason,
                    };
                }
                else
                {
                    await _writer.ToDeadLettersAsync(chunk, step.Failure, "retries_exhausted", abort);
                    Audit(records, AuditStage.DeadLettered);
                    receipt = receipt with { Outcome = ReceiptOutcome.DeadLettered, Attempts = step.Failure.Attempts, Reason = step.Failure.Reason };
                }

                break;
        }

        _receipts.Write(endpoint.Name, events, receipt with { TimeMs = _clock.GetUtcNow().ToUnixTimeMilliseconds() });
    }

    private static ConsumeResult<byte[]?, byte[]>[] Results(IEnumerable<ConsumedRecord> records) => [.. records.Select(record => record.Result)];

    private void Audit(IEnumerable<ConsumedRecord> records, AuditStage outcome)
    {
        foreach (var record in records)
        {
            _audit.Record(Hop, AuditStage.In, record.EventTimeMs, record.Identity);
            _audit.Record(Hop, outcome, record.EventTimeMs, record.Identity);
        }
    }

    private RetryTier CurrentTier(string topic) =>
        _tiers.FirstOrDefault(t => _topics.RetryTier(t.Name) == topic) ?? _tiers[0];

    private static void RecordLag(ConsumedRecord record, DateTimeOffset now, Action<string, TimeSpan> recordLag)
    {
        if (record.EventTime is { } eventTime)
        {
            recordLag(Hop, now - eventTime);
        }
    }
}

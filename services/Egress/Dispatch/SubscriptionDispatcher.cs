using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Audit;
using Streams.Delivery;
using Streams.Delivery.Retries;
using Streams.Receipts;
using Streams.Telemetry;

namespace Streams.Egress.Dispatch;

/// <summary>
/// Delivers one subscription's events: a lane per partition, at most <see cref="SubscriptionOptions.MaxInFlight"/>
/// batches in flight (and the process-wide limit), and each batch settled — delivered, dead-lettered, or handed
/// to the first retry tier and acknowledged — before its events count as done for this subscription.
/// </summary>
internal sealed class SubscriptionDispatcher : IDisposable
{
    private const string Hop = "egress";
    private readonly ConcurrentDictionary<TopicPartition, SubscriptionLane> _lanes = new();
    private readonly FailedBatchWriter _failures;
    private readonly SubscriptionReceipts _receipts;
    private readonly RetryTier _firstTier;
    private readonly SemaphoreSlim _inFlight;
    private readonly SemaphoreSlim _processInFlight;
    private readonly StreamsMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly CancellationToken _abort;

    public SubscriptionDispatcher(
        SubscriptionEndpoint endpoint,
        FailedBatchWriter failures,
        SubscriptionReceipts receipts,
        RetryTier firstTier,
        SemaphoreSlim processInFlight,
        StreamsMetrics metrics,
        TimeProvider clock,
        ILogger logger,
        CancellationToken stopping,
        CancellationToken abort)
    {
        Endpoint = endpoint;
        _failures = failures;
        _receipts = receipts;
        _firstTier = firstTier;
        _inFlight = new SemaphoreSlim(endpoint.Options.MaxInFlight);
        _processInFlight = processInFlight;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _stopping = stopping;
        _abort = abort;
    }

    public SubscriptionEndpoint Endpoint { get; }

    /// <summary>Completes when every lane has stopped and settled its last batch.</summary>
    public Task Completion => Task.WhenAll(_lanes.Values.Select(lane => lane.Completion));

    /// <summary>Queues an event on its partition's lane; called by one batch of the partition at a time.</summary>
    public void Enqueue(OutgoingEvent outgoing)
    {
        var partition = outgoing.Record.TopicPartition;
        if (!_lanes.TryGetValue(partition, out var lane))
        {
            lane = new SubscriptionLane(this, _clock, _logger, _stopping, _abort);
            _lanes[partition] = lane;
        }

        lane.Enqueue(outgoing);
    }

    /// <summary>No more events follow; lanes finish the batch they are on and stop.</summary>
    public void Complete()
    {
        foreach (var lane in _lanes.Values)
        {
            lane.Complete();
        }
    }

    /// <summary>Delivers and settles one batch; false when stopping cut it short (its events stay unfinished, so uncommitted).</summary>
    public async Task<bool> DeliverAsync(List<OutgoingEvent> batch, CancellationToken stopping, CancellationToken abort)
    {
        var records = batch.ConvertAll(e => e.Record);
        var webhook = WebhookBatch.Create(Endpoint.Name, records, batch.ConvertAll(e => e.Event));
        BatchDeliveryResult result;
        try
        {
            await _inFlight.WaitAsync(stopping);
            try
            {
                await _processInFlight.WaitAsync(stopping);
                try
                {
                    result = await Endpoint.DeliverAsync(webhook, stopping, abort);
                }
                finally
                {
                    _processInFlight.Release();
                }
            }
            finally
            {
                _inFlight.Release();
            }

            await SettleAsync(batch, records, webhook, result, abort);
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || abort.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _inFlight.Dispose();

    private async Task SettleAsync(
        List<OutgoingEvent> batch,
        List<ConsumeResult<byte[]?, byte[]>> records,
        WebhookBatch webhook,
        BatchDeliveryResult result,
        CancellationToken abort)
    {
        var name = Endpoint.Name;
        var outcome = result.Outcome;
        var failure = new DeliveryFailure(name, result.Attempts, outcome.Status, outcome.Reason, result.FirstFailure ?? _clock.GetUtcNow());
        var receipt = new Receipt(ReceiptOutcome.Delivered, 0) { Status = outcome.Status, Attempts = result.Attempts, WebhookId = webhook.Id };
        switch (outcome.Kind)
        {
            case DeliveryOutcomeKind.Delivered:
                RecordDelivered(batch);
                break;
            case DeliveryOutcomeKind.Rejected:
                await _failures.ToDeadLettersAsync(records, failure, "rejected", abort);
                _metrics.CountDeliveries(name, "dead_lettered", batch.Count);
                receipt = receipt with { Outcome = ReceiptOutcome.DeadLettered, Reason = outcome.Reason };
                break;
            default:
                // Due after the tier's delay, or later if the receiver asked for more time.
                var wait = outcome.RetryAfter > _firstTier.Delay ? outcome.RetryAfter.Value : _firstTier.Delay;
                var due = _clock.GetUtcNow() + wait;
                await _failures.ToRetryTierAsync(records, webhook, failure, _firstTier, due, abort);
                _metrics.CountDeliveries(name, "retry_tier", batch.Count);
                receipt = receipt with { Outcome = ReceiptOutcome.Retrying, Tier = _firstTier.Name, NextAttemptMs = due.ToUnixTimeMilliseconds(), Reason = outcome.Reason };
                break;
        }

        _receipts.Write(name, batch.Select(e => e.Event), receipt with { TimeMs = _clock.GetUtcNow().ToUnixTimeMilliseconds() });

        var audited = outcome.Kind switch
        {
            DeliveryOutcomeKind.Delivered => AuditStage.Out,
            DeliveryOutcomeKind.Rejected => AuditStage.DeadLettered,
            _ => AuditStage.RetryHandedOff,
        };
        foreach (var outgoing in batch)
        {
            outgoing.Audit.Settle(audited);
            outgoing.Offset.Complete();
        }
    }

    private void RecordDelivered(List<OutgoingEvent> batch)
    {
        var name = Endpoint.Name;
        var now = _clock.GetUtcNow();
        foreach (var outgoing in batch)
        {
            if (outgoing.EventTime is { } eventTime)
            {
                var lag = now - eventTime;
                _metrics.RecordLagOut(Hop, lag);
                _metrics.RecordEndToEndLag(name, lag);
            }

            _metrics.RecordProcessDuration(Hop, _clock.GetElapsedTime(outgoing.ConsumedAt));
        }

        _metrics.CountDeliveries(name, "delivered", batch.Count);
        _metrics.CountEventsOut(Hop, batch.Count);
        _logger.LogDebug("Delivered {Count} events to {Subscription}", batch.Count, name);
    }
}

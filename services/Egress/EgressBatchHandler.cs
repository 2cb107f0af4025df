using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Egress.Delivery;
using Streams.Kafka;

namespace Streams.Egress;

/// <summary>
/// Delivers a batch of normalised events to every matching subscription and returns once each is
/// delivered or dead-lettered and acknowledged, so the loop's commit never runs ahead of delivery.
/// </summary>
public sealed class EgressBatchHandler : IRecordBatchHandler, IDisposable
{
    private readonly IReadOnlyList<SubscriptionDelivery> _subscriptions;
    private readonly DeadLetterWriter _deadLetters;

    /// <summary>Builds one delivery per configured subscription.</summary>
    public EgressBatchHandler(IOptions<EgressOptions> options, WebhookClient client, DeadLetterWriter deadLetters, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _deadLetters = deadLetters;
        _subscriptions = [.. options.Value.Subscriptions.Select(s =>
            new SubscriptionDelivery(s, client, deadLetters, loggers.CreateLogger($"Streams.Egress.Subscription.{s.Name}")))];
    }

    /// <inheritdoc />
    public async Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var deadLetterBatch = new DeliveryBatch();
        try
        {
            var events = new List<OutgoingEvent>(batch.Count);
            foreach (var record in batch)
            {
                if (EventTypeReader.TryRead(record.Message.Value) is { } type)
                {
                    events.Add(new OutgoingEvent(record, type));
                }
                else
                {
                    // A poison record: nobody can be sent it, so it is parked with the reason and the partition moves on.
                    _deadLetters.Write(deadLetterBatch, record, subscription: "", status: 0, "undecodable event: not a structured-mode CloudEvent", attempts: 0, cancellationToken);
                }
            }

            await Task.WhenAll(_subscriptions.Select(s => s.DeliverAsync(events, deadLetterBatch, cancellationToken)));
        }
        finally
        {
            deadLetterBatch.Seal();
        }

        await deadLetterBatch.Completion;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }
}

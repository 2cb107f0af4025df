using System.Collections.Concurrent;
using Streams.Envelope;
using Streams.Receipts;

namespace Streams.Delivery;

/// <summary>
/// Writes what a settled batch means for each of its events at one subscription (delivered, retrying, dead-lettered),
/// for egress and the retrier alike; call it once the batch's outcome is acknowledged.
/// </summary>
public sealed class SubscriptionReceipts(ReceiptWriter writer)
{
    private readonly ConcurrentDictionary<string, string> _stages = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="receipt"/> as the subscription's receipt of every one of <paramref name="events"/>.</summary>
    /// <param name="subscription">The subscription's name.</param>
    /// <param name="events">The batch's events.</param>
    /// <param name="receipt">What became of them, the same for the whole batch.</param>
    public void Write(string subscription, IEnumerable<CloudEventEnvelope> events, Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!writer.Enabled)
        {
            return;
        }

        var stage = _stages.GetOrAdd(subscription, ReceiptStages.Subscription);
        var batch = writer.StartBatch();
        foreach (var cloudEvent in events)
        {
            batch.Add(stage, cloudEvent.Source, cloudEvent.Id, receipt);
        }

        writer.Write(batch);
    }
}

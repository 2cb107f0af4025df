using Streams.Delivery.Retries;
using Streams.Kafka;
using Streams.Kafka.Consuming;

namespace Streams.Retrier;

/// <summary>
/// Groups due retry records of one partition back into the batches egress sent: consecutive records for one
/// subscription with the same webhook id. Delivering them together keeps the receiver's <c>webhook-id</c> the
/// same on every retry of the same events. Records without a webhook id (redriven dead letters) are grouped by
/// subscription alone; the deliverer cuts groups to the subscription's batch size.
/// </summary>
public static class RetryBatches
{
    /// <summary>The groups, in offset order.</summary>
    public static IReadOnlyList<IReadOnlyList<ConsumedRecord>> Group(IEnumerable<ConsumedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var groups = new List<IReadOnlyList<ConsumedRecord>>();
        List<ConsumedRecord>? current = null;
        foreach (var record in records)
        {
            if (current is null || !SameBatch(current[^1], record))
            {
                current = [];
                groups.Add(current);
            }

            current.Add(record);
        }

        return groups;
    }

    private static bool SameBatch(ConsumedRecord previous, ConsumedRecord next) =>
        previous.Message.Headers.GetText(StreamsHeaders.Subscription) == next.Message.Headers.GetText(StreamsHeaders.Subscription)
        && RetryRecord.WebhookId(previous.Message.Headers) == RetryRecord.WebhookId(next.Message.Headers);
}

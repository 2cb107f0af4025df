using Confluent.Kafka;
using Streams.Egress.Retries;
using Streams.Kafka;

namespace Streams.Retrier;

/// <summary>
/// Groups due retry records back into the batches egress sent: consecutive records of one partition for one
/// subscription with the same webhook id. Delivering them together keeps the receiver's <c>webhook-id</c> the
/// same on every retry of the same events. Records without a webhook id (redriven dead letters) are grouped by
/// subscription alone; the deliverer cuts groups to the subscription's batch size.
/// </summary>
public static class RetryBatches
{
    /// <summary>The groups, in offset order within each partition.</summary>
    public static IReadOnlyList<IReadOnlyList<ConsumeResult<byte[]?, byte[]>>> Group(IEnumerable<ConsumeResult<byte[]?, byte[]>> records)
    {
        var groups = new List<IReadOnlyList<ConsumeResult<byte[]?, byte[]>>>();
        foreach (var partition in records.GroupBy(r => r.TopicPartition))
        {
            List<ConsumeResult<byte[]?, byte[]>>? current = null;
            foreach (var record in partition.OrderBy(r => r.Offset.Value))
            {
                if (current is null || !SameBatch(current[^1], record))
                {
                    current = [];
                    groups.Add(current);
                }

                current.Add(record);
            }
        }

        return groups;
    }

    private static bool SameBatch(ConsumeResult<byte[]?, byte[]> previous, ConsumeResult<byte[]?, byte[]> next) =>
        previous.Message.Headers.GetText(StreamsHeaders.Subscription) == next.Message.Headers.GetText(StreamsHeaders.Subscription)
        && RetryRecord.WebhookId(previous.Message.Headers) == RetryRecord.WebhookId(next.Message.Headers);
}

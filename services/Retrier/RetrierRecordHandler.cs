using Streams.Delivery.Retries;
using Streams.Kafka.Consuming;
using Streams.Telemetry;

namespace Streams.Retrier;

/// <summary>
/// The retrier as a consumer-engine hop. A partition whose next record is not due yet is held until it is (tiers are
/// FIFO by due time, so nothing after it is due either); due records are delivered group by group, settled, and only
/// then done. Stateless: holds are rebuilt from the records themselves, so any number of replicas (or none) can run.
/// </summary>
internal sealed class RetrierRecordHandler(RetryDeliverer deliverer, StreamsMetrics metrics, TimeProvider clock) : IRecordHandler
{
    /// <inheritdoc />
    public async Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = clock.GetUtcNow();
        var due = new List<ConsumedRecord>(batch.Records.Count);
        foreach (var record in batch.Records)
        {
            if (RetryRecord.NotBefore(record.Message.Headers) is { } notBefore && notBefore > now)
            {
                batch.HoldFrom(record, notBefore);
                break;
            }

            due.Add(record);
        }

        if (due.Count == 0)
        {
            return;
        }

        metrics.CountEventsIn(RetryDeliverer.Hop, due.Count);
        foreach (var group in RetryBatches.Group(due))
        {
            // The abort token is never cancelled here: a stop lets in-flight work finish (or hand on) so it is committed.
            // A failure leaves this group and the rest undone; the engine reads them again after a backoff.
            await deliverer.SettleAsync(group, cancellationToken, CancellationToken.None);
            foreach (var record in group)
            {
                record.Done.Complete();
            }
        }
    }
}

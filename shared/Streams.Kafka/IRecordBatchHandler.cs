using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// The work a hop does on a batch of consumed records. It returns only when every record's outcome
/// is durable (produced and acknowledged, delivered, or dead-lettered): the loop commits right after.
/// Per-record problems are the handler's to route (e.g. to the DLQ); an exception means
/// "nothing of this batch is done" and the batch is consumed again.
/// </summary>
public interface IRecordBatchHandler
{
    /// <summary>Handles the batch; see the interface remarks for what returning means.</summary>
    Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> batch, CancellationToken cancellationToken);
}

using Confluent.Kafka;
using Streams.Kafka;

namespace Streams.LoadTests.Normaliser;

/// <summary>The reference hop: copies each record to the output unchanged, acks then commits, through the same loop.</summary>
internal sealed class PassThroughHandler(IProducer<byte[]?, byte[]> producer, string output) : IRecordBatchHandler
{
    public Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> batch, CancellationToken cancellationToken)
    {
        var delivery = new DeliveryBatch();
        try
        {
            foreach (var record in batch)
            {
                delivery.ProduceWaiting(producer, output, record.Message, cancellationToken);
            }
        }
        finally
        {
            delivery.Seal();
        }

        return delivery.Completion;
    }
}

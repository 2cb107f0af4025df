using Confluent.Kafka;
using Streams.Kafka;
using Streams.Kafka.Consuming;

namespace Streams.LoadTests.Normaliser;

/// <summary>The reference hop: copies each record to the output unchanged, acks then marks it done, on the same engine.</summary>
internal sealed class PassThroughHandler(IProducer<byte[]?, byte[]> producer, string output) : IRecordHandler
{
    public async Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken)
    {
        var delivery = new DeliveryBatch();
        try
        {
            foreach (var record in batch.Records)
            {
                delivery.ProduceWaiting(producer, output, record.Message, cancellationToken);
            }
        }
        finally
        {
            delivery.Seal();
        }

        await delivery.Completion;
        foreach (var record in batch.Records)
        {
            record.Done.Complete();
        }
    }
}

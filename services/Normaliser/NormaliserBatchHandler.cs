using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streams.Kafka;

namespace Streams.Normaliser;

/// <summary>
/// Writes each ingested event to <c>streams.normalised</c> and returns once all are acknowledged,
/// so the loop commits only what is durably on the next topic.
/// </summary>
public sealed class NormaliserBatchHandler(KafkaProducerHandle producer, IOptions<KafkaOptions> kafka) : IRecordBatchHandler
{
    private readonly string _output = kafka.Value.Topics.Normalised;

    /// <inheritdoc />
    public Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var delivery = new DeliveryBatch();
        try
        {
            foreach (var record in batch)
            {
                var message = new Message<byte[]?, byte[]>
                {
                    Key = record.Message.Key,
                    Value = record.Message.Value,
                    Headers = record.Message.Headers.Copy(),
                };
                delivery.ProduceWaiting(producer.Producer, _output, message, cancellationToken);
            }
        }
        finally
        {
            delivery.Seal();
        }

        return delivery.Completion;
    }
}

using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka;

namespace Streams.Egress;

/// <summary>Writes events that will never be delivered to <c>streams.dlq</c>, with the reason in headers.</summary>
public sealed class DeadLetterWriter(
    KafkaProducerHandle producer,
    IOptions<KafkaOptions> kafka,
    TimeProvider clock,
    ILogger<DeadLetterWriter> logger)
{
    private readonly string _topic = kafka.Value.Topics.DeadLetters;

    /// <summary>Produces one dead letter into <paramref name="delivery"/>; the caller awaits its acknowledgement before committing.</summary>
    public void Write(DeliveryBatch delivery, ConsumeResult<byte[]?, byte[]> record, string subscription, int status, string reason, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(record);
        var headers = record.Message.Headers.Copy();
        headers.SetText(StreamsHeaders.Subscription, subscription);
        headers.SetText(StreamsHeaders.Attempt, attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.SetText(StreamsHeaders.LastStatus, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.SetText(StreamsHeaders.Reason, reason);
        if (!headers.TryGetMilliseconds(StreamsHeaders.FirstFailure, out _))
        {
            headers.SetMilliseconds(StreamsHeaders.FirstFailure, clock.GetUtcNow().ToUnixTimeMilliseconds());
        }

        var message = new Message<byte[]?, byte[]> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers };
        delivery.ProduceWaiting(producer.Producer, _topic, message, cancellationToken);
        logger.LogWarning(
            "Dead-lettered {Topic}/{Partition}@{Offset} for {Subscription}: {Reason}",
            record.Topic, record.Partition.Value, record.Offset.Value, subscription, reason);
    }
}

using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// The process's one producer, shared by every role in it; flushed on dispose so records handed
/// to it before shutdown still reach the brokers.
/// </summary>
public sealed class KafkaProducerHandle(KafkaClientFactory clients, ProducerHealth health) : IDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);
    private readonly IProducer<byte[]?, byte[]> _producer = clients.CreateProducer("producer", health);

    /// <summary>The producer.</summary>
    public IProducer<byte[]?, byte[]> Producer => _producer;

    /// <inheritdoc />
    public void Dispose()
    {
        _producer.Flush(FlushTimeout);
        _producer.Dispose();
    }
}

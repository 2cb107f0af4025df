namespace Streams.Kafka;

/// <summary>Receives librdkafka's statistics JSON of the process's clients (e.g. to turn it into metrics).</summary>
public interface IKafkaStatisticsListener
{
    /// <summary>A consumer's statistics (every few seconds).</summary>
    void OnConsumerStatistics(string groupId, string json);

    /// <summary>The producer's statistics (every second).</summary>
    void OnProducerStatistics(string json);
}

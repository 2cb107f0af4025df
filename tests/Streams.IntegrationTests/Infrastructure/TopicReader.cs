using Confluent.Kafka;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Reads a topic from the start with a real consumer, until the records read satisfy a condition.</summary>
public static class TopicReader
{
    /// <summary>Collects records of <paramref name="topic"/> until <paramref name="enough"/> holds; throws after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]>>> ReadAsync(
        string bootstrapServers, string topic, Func<IReadOnlyList<ConsumeResult<byte[]?, byte[]>>, bool> enough, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(enough);
        return await Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = "reader-" + Guid.NewGuid().ToString("N"),
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
            }).Build();
            consumer.Subscribe(topic);
            var records = new List<ConsumeResult<byte[]?, byte[]>>();
            var deadline = DateTime.UtcNow + timeout;
            while (!enough(records))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{topic}: only {records.Count} records within {timeout}");
                }

                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
                {
                    records.Add(record);
                }
            }

            consumer.Close();
            return records;
        });
    }
}

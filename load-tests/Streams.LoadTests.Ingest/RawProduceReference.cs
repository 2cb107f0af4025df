using System.Diagnostics;
using Confluent.Kafka;

namespace Streams.LoadTests.Ingest;

/// <summary>The ceiling: librdkafka producing the same records to the same cluster with the same durability (acks=all, idempotent).</summary>
internal static class RawProduceReference
{
    public static double EventsPerSecond(string bootstrapServers, string topic, byte[] value, int count)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 2,
            BatchNumMessages = 10_000,
            CompressionType = CompressionType.Lz4,
        }).Build();
        var failed = 0L;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var key = BitConverter.GetBytes(i % 64);
            while (true)
            {
                try
                {
                    producer.Produce(topic, new Message<byte[]?, byte[]> { Key = key, Value = value }, report =>
                    {
                        if (report.Error.IsError)
                        {
                            Interlocked.Increment(ref failed);
                        }
                    });
                    break;
                }
                catch (ProduceException<byte[]?, byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(1));
        var rate = (count - failed) / clock.Elapsed.TotalSeconds;
        return rate;
    }
}

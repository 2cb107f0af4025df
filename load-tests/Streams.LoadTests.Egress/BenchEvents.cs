using System.Text;
using Confluent.Kafka;
using Streams.Envelope;
using Streams.Kafka;

namespace Streams.LoadTests.Egress;

/// <summary>The benchmark's events: a realistic ~300-byte CloudEvent, keyed over 1,000 customers.</summary>
internal static class BenchEvents
{
    public static string Json(long sequence, DateTimeOffset time) =>
        $$$"""{"specversion":"1.0","id":"bench-{{{sequence}}}","source":"/bench/orders","type":"order.created","time":"{{{time:O}}}","partitionkey":"customer-{{{sequence % 1000}}}","data":{"order":{{{sequence}}},"amount":42.5,"currency":"EUR","lines":[{"sku":"A-1","qty":2}]}}""";

    public static byte[] Batch(long first, int count, DateTimeOffset time) =>
        Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, count).Select(i => Json(first + i, time))) + "]");

    /// <summary>Writes <paramref name="count"/> events to the normalised topic as the normaliser would, and waits for every ack.</summary>
    public static void ProduceNormalised(string bootstrapServers, string topic, int count, EnvelopeSerializer envelopes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            BatchNumMessages = 10_000,
            CompressionType = CompressionType.Lz4,
        }).Build();
        for (var sequence = 0L; sequence < count; sequence++)
        {
            var now = DateTimeOffset.UtcNow;
            var headers = new Headers();
            headers.SetMilliseconds(StreamsHeaders.EventTime, now.ToUnixTimeMilliseconds());
            headers.SetMilliseconds(StreamsHeaders.IngestTime, now.ToUnixTimeMilliseconds());
            var message = new Message<byte[]?, byte[]>
            {
                Key = Encoding.UTF8.GetBytes($"customer-{sequence % 1000}"),
                Value = envelopes.Serialize(CloudEventJson.FromJson(Encoding.UTF8.GetBytes(Json(sequence, now)))),
                Headers = headers,
            };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }

        if (producer.Flush(TimeSpan.FromSeconds(60)) > 0)
        {
            throw new InvalidOperationException("the benchmark's events were not all acknowledged");
        }
    }
}

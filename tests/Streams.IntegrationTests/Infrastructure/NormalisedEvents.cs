using System.Text.Json;
using Confluent.Kafka;
using Streams.Kafka;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// Writes events straight to <c>streams.normalised</c> as the normaliser does (the envelope,
/// key = partition key, event and ingest time headers), so egress can be tested on its own.
/// </summary>
public static class NormalisedEvents
{
    /// <summary>The ids <see cref="ProduceAsync"/> gives its events: <c>{prefix}-0</c> .. <c>{prefix}-{count-1}</c>.</summary>
    public static IReadOnlyList<string> Ids(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}")];

    /// <summary>
    /// Produces the events and waits until Kafka acknowledged every one; to <paramref name="topic"/> (default
    /// <c>streams.normalised</c>) with <paramref name="stamp"/> adding headers (e.g. a retry record's).
    /// </summary>
    public static async Task ProduceAsync(
        LocalClusterFixture cluster, TopicOptions topics, string prefix, int count, int keys = 16, string type = "test.created", string? topic = null, Action<Headers>? stamp = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(topics);
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        var failures = 0;
        for (var index = 0; index < count; index++)
        {
            var now = DateTimeOffset.UtcNow;
            var key = $"key-{index % keys}";
            var value = cluster.Envelopes.Encode(JsonSerializer.Serialize(new
            {
                specversion = "1.0",
                id = $"{prefix}-{index}",
                source = "/tests/" + prefix,
                type,
                time = now.ToString("O"),
                partitionkey = key,
                data = new { index, key },
            }));
            var headers = new Headers();
            headers.SetMilliseconds(StreamsHeaders.EventTime, now.ToUnixTimeMilliseconds());
            headers.SetMilliseconds(StreamsHeaders.IngestTime, now.ToUnixTimeMilliseconds());
            stamp?.Invoke(headers);
            var message = new Message<byte[]?, byte[]> { Key = System.Text.Encoding.UTF8.GetBytes(key), Value = value, Headers = headers };
            while (true)
            {
                try
                {
                    producer.Produce(topic ?? topics.Normalised, message, report => Interlocked.Add(ref failures, report.Error.IsError ? 1 : 0));
                    break;
                }
                catch (ProduceException<byte[]?, byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(60)));
        if (failures > 0 || producer.Flush(TimeSpan.Zero) > 0)
        {
            throw new InvalidOperationException($"{failures} events were not acknowledged");
        }
    }

    /// <summary>The <c>index</c> of each event in a webhook body, in body order, with its key.</summary>
    public static IEnumerable<(string Key, int Index)> KeysAndIndexes(byte[] body) =>
        JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e =>
            (e.GetProperty("data").GetProperty("key").GetString()!, e.GetProperty("data").GetProperty("index").GetInt32())).ToList();
}

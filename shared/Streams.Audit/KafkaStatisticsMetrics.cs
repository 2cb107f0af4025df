using System.Globalization;
using System.Text.Json;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Audit;

/// <summary>
/// Turns librdkafka's statistics JSON (<c>statistics.interval.ms</c>,
/// https://github.com/confluentinc/librdkafka/blob/master/STATISTICS.md) into the consumer-lag and
/// producer-queue gauges of <see cref="StreamsMetrics"/>.
/// </summary>
/// <remarks>
/// Called from librdkafka's statistics callback, so it never throws: a document it cannot read is skipped, and the
/// gauges keep their last values until the next one.
/// </remarks>
public sealed class KafkaStatisticsMetrics(StreamsMetrics metrics) : IKafkaStatisticsListener
{
    /// <summary>Sets <c>streams_consumer_lag{topic,partition,group}</c> from a consumer's statistics.</summary>
    /// <param name="groupId">The consumer's group (the statistics do not name it).</param>
    /// <param name="json">The statistics document.</param>
    /// <returns>How many partitions' lag was set.</returns>
    public int OnConsumerStatistics(string groupId, string json)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        var set = 0;
        if (Parse(json) is not { } document)
        {
            return set;
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Object)
            {
                return set;
            }

            foreach (var topic in topics.EnumerateObject())
            {
                if (topic.Value.ValueKind != JsonValueKind.Object || !topic.Value.TryGetProperty("partitions", out var partitions) || partitions.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var partition in partitions.EnumerateObject())
                {
                    // Partition -1 is librdkafka's internal "unassigned" bucket; a lag of -1 means "not known yet"
                    // (not assigned to this member, or nothing committed), which is no lag to report.
                    if (int.TryParse(partition.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        && partition.Value.ValueKind == JsonValueKind.Object
                        && partition.Value.TryGetProperty("consumer_lag", out var lag)
                        && lag.ValueKind == JsonValueKind.Number
                        && lag.TryGetInt64(out var messages)
                        && messages >= 0)
                    {
                        metrics.SetConsumerLag(topic.Name, number, groupId, messages);
                        set++;
                    }
                }
            }
        }

        return set;
    }

    /// <summary>Sets <c>streams_producer_queue_depth{client}</c> from a producer's statistics (<c>msg_cnt</c>).</summary>
    /// <param name="json">The statistics document.</param>
    /// <returns>True when the depth was set.</returns>
    public bool OnProducerStatistics(string json)
    {
        if (Parse(json) is not { } document)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.TryGetProperty("msg_cnt", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var depth)
                && root.TryGetProperty("client_id", out var client) && client.ValueKind == JsonValueKind.String)
            {
                metrics.SetProducerQueueDepth(client.GetString()!, depth);
                return true;
            }

            return false;
        }
    }

    private static JsonDocument? Parse(string? json)
    {
        try
        {
            var document = json is null ? null : JsonDocument.Parse(json);
            if (document?.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document?.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    void IKafkaStatisticsListener.OnConsumerStatistics(string groupId, string json) => OnConsumerStatistics(groupId, json);

    /// <inheritdoc />
    void IKafkaStatisticsListener.OnProducerStatistics(string json) => OnProducerStatistics(json);
}

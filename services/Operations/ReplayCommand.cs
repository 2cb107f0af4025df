using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Egress;
using Streams.Egress.Delivery;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Operations;

/// <summary>
/// <c>./streams replay</c>: re-delivers to one subscription the normalised events whose event time falls in a
/// window, with the same batching, signing and local retries as egress. It reads each partition on its own,
/// outside any consumer group, so the live egress group is not disturbed.
/// </summary>
public sealed class ReplayCommand(
    KafkaOptions kafka,
    SubscriptionOptions subscription,
    StreamsMetrics metrics,
    ILoggerFactory loggers)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Replays; with <paramref name="dryRun"/> only counts what would be sent.</summary>
    public async Task<ReplaySummary> RunAsync(ReplayWindow window, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var clients = new KafkaClientFactory(Options.Create(kafka), loggers);
        var reader = new TopicWindowReader(clients, "streams-replay-" + Guid.NewGuid().ToString("N"));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var endpoint = new SubscriptionEndpoint(subscription, new WebhookClient(http, TimeProvider.System), metrics, TimeProvider.System, loggers.CreateLogger("Streams.Replay"));
        long scanned = 0, found = 0, delivered = 0, failed = 0;
        foreach (var partition in Partitions(clients, kafka.Topics.Normalised))
        {
            var pending = new List<ConsumeResult<byte[]?, byte[]>>();
            reader.ReadBack(partition, window.From - ReplayWindow.ClockSkewAllowance, long.MaxValue, record =>
            {
                scanned++;
                if (InWindow(record, window) && endpoint.Matches(TypeOf(record)))
                {
                    pending.Add(record);
                }
            }, ReadTimeout, cancellationToken);
            found += pending.Count;
            Console.Error.WriteLine($"partition {partition.Partition.Value}: {pending.Count:N0} events in the window (scanned {scanned:N0} records so far)");
            if (dryRun)
            {
                continue;
            }

            foreach (var chunk in pending.Chunk(subscription.BatchSize))
            {
                var result = await endpoint.DeliverAsync(WebhookBatch.Create(subscription.Name, chunk), cancellationToken, cancellationToken);
                if (result.Outcome.Kind == DeliveryOutcomeKind.Delivered)
                {
                    delivered += chunk.Length;
                }
                else
                {
                    failed += chunk.Length;
                    Console.Error.WriteLine($"  {chunk.Length} events not delivered: {result.Outcome.Reason}");
                }
            }

            Console.Error.WriteLine($"  delivered {delivered:N0}, failed {failed:N0} of {found:N0} so far");
        }

        return new ReplaySummary(scanned, found, delivered, failed);
    }

    private static bool InWindow(ConsumeResult<byte[]?, byte[]> record, ReplayWindow window) =>
        record.Message.Headers.TryGetMilliseconds(StreamsHeaders.EventTime, out var eventTime) && window.Contains(eventTime);

    private static string TypeOf(ConsumeResult<byte[]?, byte[]> record)
    {
        try
        {
            using var json = JsonDocument.Parse(record.Message.Value);
            return json.RootElement.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static List<TopicPartition> Partitions(KafkaClientFactory clients, string topic)
    {
        using var consumer = clients.CreateConsumer("streams-replay-metadata");
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(15)).Topics.Single();
        return [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
    }
}

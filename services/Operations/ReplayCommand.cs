using Confluent.Kafka;
using Streams.Delivery;
using Streams.Envelope;
using Streams.Kafka;

namespace Streams.Operations;

/// <summary>
/// <c>./streams replay</c>: re-delivers to one subscription the normalised events whose event time falls in a
/// window, through the process's endpoint of that subscription (the same batching, signing, local retries, rate limit and
/// circuit as egress). It reads each partition on its own,
/// outside any consumer group, so the live egress group is not disturbed.
/// </summary>
public sealed class ReplayCommand(KafkaClientFactory clients, SubscriptionEndpoint endpoint, EnvelopeSerializer serializer)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Replays; with <paramref name="dryRun"/> only counts what would be sent.</summary>
    public async Task<ReplaySummary> RunAsync(ReplayWindow window, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(endpoint);
        var reader = new TopicWindowReader(clients, "streams-replay-" + Guid.NewGuid().ToString("N"));
        long scanned = 0, found = 0, delivered = 0, failed = 0;
        foreach (var partition in TopicSnapshot.Partitions(clients, clients.Options.Topics.Normalised))
        {
            var pending = new List<(ConsumeResult<byte[]?, byte[]> Record, CloudEventEnvelope Event)>();
            reader.ReadBack(partition, window.From - ReplayWindow.ClockSkewAllowance, long.MaxValue, record =>
            {
                scanned++;
                if (!InWindow(record, window))
                {
                    return;
                }

                try
                {
                    var cloudEvent = serializer.Deserialize(record.Message.Value);
                    if (endpoint.Matches(cloudEvent.Type))
                    {
                        pending.Add((record, cloudEvent));
                    }
                }
                catch (EnvelopeDecodeException exception)
                {
                    // Egress dead-lettered this poison record when it met it; a replay reports it rather than park it twice.
                    failed++;
                    Console.Error.WriteLine($"  {record.TopicPartitionOffset} not replayed: {exception.ReasonCode}: {exception.Message}");
                }
            }, ReadTimeout, cancellationToken);
            found += pending.Count;
            Console.Error.WriteLine($"partition {partition.Partition.Value}: {pending.Count:N0} events in the window (scanned {scanned:N0} records so far)");
            if (dryRun)
            {
                continue;
            }

            foreach (var chunk in pending.Chunk(endpoint.Options.BatchSize))
            {
                var batch = WebhookBatch.Create(endpoint.Name, [.. chunk.Select(c => c.Record)], [.. chunk.Select(c => c.Event)]);
                var result = await endpoint.DeliverAsync(batch, cancellationToken, cancellationToken);
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
}

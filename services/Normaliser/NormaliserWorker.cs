using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Kafka.Consuming;
using Streams.Kafka.Topics;
using Streams.Telemetry;

namespace Streams.Normaliser;

/// <summary>Consumes <c>streams.ingested</c> with the consumer engine, each partition's batches handed to the normaliser.</summary>
public sealed class NormaliserWorker(
    KafkaClientFactory clients,
    KafkaProducerHandle producer,
    NormaliserBatchHandler handler,
    IOptions<NormaliserOptions> options,
    EnvelopeSerializerProvider envelopes,
    TopicReadiness topicReadiness,
    StreamsMetrics metrics,
    TimeProvider clock,
    ILogger<NormaliserWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The codec needs the envelope schema; no record is read before the topics are there and the registry has answered.
        await topicReadiness.WhenReadyAsync("normaliser", stoppingToken);
        await envelopes.GetAsync(stoppingToken);
        var topics = clients.Options.Topics;
        CheckPartitionCounts(topics.Ingested, topics.Normalised);
        var settings = new ConsumerEngineSettings(options.Value.GroupId, [topics.Ingested])
        {
            Hop = NormaliserBatchHandler.Hop,
            OnDeliveryPath = true,
            MaxBatchSize = options.Value.BatchSize,
            MaxBatchWait = TimeSpan.FromMilliseconds(options.Value.LingerMs),
        };
        await new ConsumerEngine(clients, settings, handler, metrics, clock, logger).RunAsync(stoppingToken);
    }

    private void CheckPartitionCounts(string input, string output)
    {
        // The duplicate window of input partition p is rebuilt from output partition p (see DuplicateWindows).
        try
        {
            using var admin = new DependentAdminClientBuilder(producer.Producer.Handle).Build();
            var counts = new[] { input, output }.ToDictionary(topic => topic, topic => admin.GetMetadata(topic, MetadataTimeout).Topics.Sum(t => t.Partitions.Count));
            if (counts.GetValueOrDefault(input) != counts.GetValueOrDefault(output))
            {
                logger.LogWarning(
                    "{Input} has {InputPartitions} partitions and {Output} {OutputPartitions}: duplicate windows rebuilt after a restart may miss ids; give both topics the same count",
                    input, counts.GetValueOrDefault(input), output, counts.GetValueOrDefault(output));
            }
        }
        catch (KafkaException exception)
        {
            logger.LogWarning(exception, "Could not compare the partition counts of {Input} and {Output}", input, output);
        }
    }
}

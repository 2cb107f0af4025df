using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Kafka.Consuming;
using Streams.Kafka.Topics;
using Streams.Telemetry;

namespace Streams.Retrier;

/// <summary>Runs the retrier on the consumer engine over every retry tier (see <see cref="RetrierRecordHandler"/>).</summary>
public sealed class RetrierWorker(
    KafkaClientFactory clients,
    RetryDeliverer deliverer,
    IOptions<RetrierOptions> options,
    StreamsMetrics metrics,
    EnvelopeSerializerProvider envelopes,
    TopicReadiness topics,
    TimeProvider clock,
    ILogger<RetrierWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Retry records are decoded to be delivered: nothing is read before the topics are there and the registry has answered.
        await topics.WhenReadyAsync("retrier", stoppingToken);
        await envelopes.GetAsync(stoppingToken);
        var settings = new ConsumerEngineSettings(options.Value.GroupId, deliverer.Topics)
        {
            Hop = RetryDeliverer.Hop,
            MaxBatchSize = options.Value.MaxBatchRecords,
        };
        await new ConsumerEngine(clients, settings, new RetrierRecordHandler(deliverer, metrics, clock), metrics, clock, logger).RunAsync(stoppingToken);
    }
}

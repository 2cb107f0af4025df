using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Audit;
using Streams.Delivery;
using Streams.Delivery.Retries;
using Streams.Egress.Dispatch;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Kafka.Consuming;
using Streams.Kafka.Topics;
using Streams.Telemetry;

namespace Streams.Egress;

/// <summary>Runs egress on the consumer engine: consume, deliver in parallel, commit what is done.</summary>
public sealed class EgressWorker(
    KafkaClientFactory clients,
    SubscriptionEndpoints endpoints,
    FailedBatchWriter failures,
    SubscriptionReceipts receipts,
    StreamsMetrics metrics,
    AuditRecorder audit,
    TimeProvider clock,
    IOptions<EgressOptions> options,
    IOptions<DeliveryOptions> delivery,
    EnvelopeSerializerProvider envelopes,
    TopicReadiness topics,
    ILoggerFactory loggers) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // No record can be read before the topics are there and the registry has answered for the envelope schema.
        await topics.WhenReadyAsync("egress", stoppingToken);
        var serializer = await envelopes.GetAsync(stoppingToken);
        await RunAsync(serializer, stoppingToken);
    }

    private async Task RunAsync(EnvelopeSerializer serializer, CancellationToken stopping)
    {
        var egress = options.Value;
        var firstTier = RetryTier.Parse(clients.Options.Topics.RetryTiers[0]);
        using var abort = new CancellationTokenSource();
        using var processInFlight = new SemaphoreSlim(delivery.Value.MaxInFlight);
        var dispatchers = endpoints.All
            .Select(e => new SubscriptionDispatcher(e, failures, receipts, firstTier, processInFlight, metrics, clock, loggers.CreateLogger($"Streams.Egress.Subscription.{e.Name}"), stopping, abort.Token))
            .ToList();
        try
        {
            var handler = new EgressRecordHandler(serializer, dispatchers, failures, metrics, audit, clock, loggers.CreateLogger<EgressRecordHandler>(), abort);
            var settings = new ConsumerEngineSettings(egress.GroupId, [clients.Options.Topics.Normalised])
            {
                Hop = EgressRecordHandler.Hop,
                OnDeliveryPath = true,
                MaxPendingPerPartition = egress.MaxUncommittedRecords,
                CommitInterval = TimeSpan.FromMilliseconds(egress.CommitIntervalMs),
                DrainTimeout = TimeSpan.FromMilliseconds(egress.DrainTimeoutMs),
            };
            await new ConsumerEngine(clients, settings, handler, metrics, clock, loggers.CreateLogger<EgressRecordHandler>()).RunAsync(stopping);
        }
        finally
        {
            dispatchers.ForEach(d => d.Dispose());
        }
    }
}

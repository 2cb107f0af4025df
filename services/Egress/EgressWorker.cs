using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Audit;
using Streams.Envelope;
using Streams.Egress.Delivery;
using Streams.Egress.Dispatch;
using Streams.Egress.Retries;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Egress;

/// <summary>Runs the egress consumer on its own thread: consume, deliver in parallel, commit what is done.</summary>
public sealed class EgressWorker(
    KafkaClientFactory clients,
    WebhookClient webhooks,
    FailedBatchWriter failures,
    StreamsMetrics metrics,
    AuditRecorder audit,
    TimeProvider clock,
    IOptions<EgressOptions> options,
    EnvelopeSerializerProvider envelopes,
    ILoggerFactory loggers) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // No record can be read before the registry has answered for the envelope schema.
        var serializer = await envelopes.GetAsync(stoppingToken);
        // Consume() blocks, so the loop gets a thread of its own rather than the host's.
        await Task.Factory.StartNew(() => Run(serializer, stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Run(EnvelopeSerializer serializer, CancellationToken stopping)
    {
        var egress = options.Value;
        var firstTier = RetryTier.Parse(clients.Options.Topics.RetryTiers[0]);
        using var abort = new CancellationTokenSource();
        using var processInFlight = new SemaphoreSlim(egress.MaxInFlight);
        var endpoints = egress.Subscriptions
            .Select(s => new SubscriptionEndpoint(s, webhooks, metrics, clock, loggers.CreateLogger($"Streams.Egress.Subscription.{s.Name}")))
            .ToList();
        var dispatchers = endpoints
            .Select(e => new SubscriptionDispatcher(e, failures, firstTier, processInFlight, metrics, clock, loggers.CreateLogger($"Streams.Egress.Subscription.{e.Name}"), stopping, abort.Token))
            .ToList();
        try
        {
            new EgressConsumer(clients, egress, serializer, dispatchers, failures, metrics, audit, clock, loggers.CreateLogger<EgressConsumer>(), abort).Run(stopping);
        }
        finally
        {
            dispatchers.ForEach(d => d.Dispose());
            endpoints.ForEach(e => e.Dispose());
        }
    }
}

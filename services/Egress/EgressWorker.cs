using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka;

namespace Streams.Egress;

/// <summary>Consumes <c>streams.normalised</c> and delivers each batch, committing by hand after delivery.</summary>
public sealed class EgressWorker(
    KafkaClientFactory clients,
    EgressBatchHandler handler,
    IOptions<EgressOptions> options,
    ILogger<ManualCommitConsumerLoop> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var egress = options.Value;
        var linger = egress.Subscriptions.Count == 0 ? 0 : egress.Subscriptions.Min(s => s.LingerMs);
        var settings = new ConsumerLoopSettings(
            egress.GroupId,
            [clients.Options.Topics.Normalised],
            egress.MaxRecordsPerCommit,
            TimeSpan.FromMilliseconds(linger));
        return new ManualCommitConsumerLoop(clients, settings, handler, logger).RunAsync(stoppingToken);
    }
}

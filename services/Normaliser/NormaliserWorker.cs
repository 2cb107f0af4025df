using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka;

namespace Streams.Normaliser;

/// <summary>Consumes <c>streams.ingested</c> and hands each batch to the normaliser, committing by hand.</summary>
public sealed class NormaliserWorker(
    KafkaClientFactory clients,
    NormaliserBatchHandler handler,
    IOptions<NormaliserOptions> options,
    ILogger<ManualCommitConsumerLoop> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = new ConsumerLoopSettings(
            options.Value.GroupId,
            [clients.Options.Topics.Ingested],
            options.Value.BatchSize,
            TimeSpan.FromMilliseconds(options.Value.LingerMs));
        return new ManualCommitConsumerLoop(clients, settings, handler, logger).RunAsync(stoppingToken);
    }
}

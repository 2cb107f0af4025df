using Microsoft.Extensions.Hosting;
using Streams.Kafka;

namespace Streams.Ingest;

/// <summary>
/// Creates the producer at start-up (after the options are validated), not on the first request,
/// so <c>/readyz</c> reflects Kafka from the start and the first sender pays no connection set-up.
/// </summary>
internal sealed class ProducerWarmup(KafkaProducerHandle producer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = producer.Producer;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

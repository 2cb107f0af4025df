using Confluent.Kafka;
using Streams.DevCluster;

namespace Streams.Chaos.Faults;

/// <summary>
/// Produce requests fail with a retriable error (NOT_ENOUGH_REPLICAS: the ISR shrank below min.insync.replicas) until
/// the window ends; the mock cluster fails one request per queued error, so the queue is filled well beyond what a
/// window uses and cleared at its end.
/// </summary>
internal sealed class ProduceErrorsFault(ErrorCode error) : IChaosFault
{
    private const int QueuedErrors = 20_000;

    public Task BeginAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) =>
        pipeline.Cluster.PushRequestErrorsAsync(KafkaApi.Produce, [.. Enumerable.Repeat(error, QueuedErrors)]);

    public Task EndAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => pipeline.Cluster.ClearRequestErrorsAsync(KafkaApi.Produce);
}

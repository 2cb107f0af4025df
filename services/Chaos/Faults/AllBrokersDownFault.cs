namespace Streams.Chaos.Faults;

/// <summary>The whole cluster down: ingest can acknowledge nothing, and no hop can produce or commit.</summary>
internal sealed class AllBrokersDownFault : IChaosFault
{
    public Task BeginAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => pipeline.Cluster.SetAllBrokersDownAsync();

    public Task EndAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => pipeline.Cluster.SetAllBrokersUpAsync();
}

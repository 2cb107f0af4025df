namespace Streams.Chaos.Faults;

/// <summary>One broker down: its connections close and the partitions it leads wait for it.</summary>
internal sealed class BrokerDownFault(int broker) : IChaosFault
{
    public Task BeginAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => pipeline.Cluster.SetBrokerDownAsync(broker);

    public Task EndAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => pipeline.Cluster.SetBrokerUpAsync(broker);
}

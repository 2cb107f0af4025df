using Streams.DevCluster;

namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>One in-memory 3-broker cluster for the registry tests, hosted in the test process.</summary>
public sealed class RegistryClusterFixture : IDisposable
{
    public RegistryClusterFixture() => Cluster = LocalKafkaCluster.Start(brokerCount: 3);

    public LocalKafkaCluster Cluster { get; }

    /// <summary>A fresh single-partition schemas topic, so tests never see each other's schemas.</summary>
    public string CreateSchemasTopic()
    {
        var topic = $"_schemas-{Guid.NewGuid():N}";
        Cluster.CreateTopic(topic, partitions: 1, replicationFactor: 3);
        return topic;
    }

    public void Dispose() => Cluster.Dispose();
}

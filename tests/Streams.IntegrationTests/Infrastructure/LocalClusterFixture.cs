using Streams.DevCluster;
using Streams.Kafka;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>One in-memory 3-broker cluster for the test run, hosted in the test process.</summary>
public sealed class LocalClusterFixture : IDisposable
{
    public LocalClusterFixture() => Cluster = LocalKafkaCluster.Start(brokerCount: 3);

    public LocalKafkaCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>Creates every pipeline topic under a prefix of its own, so tests never see each other's records.</summary>
    public TopicOptions CreateTopics(int partitions = 4)
    {
        var topics = new TopicOptions { Prefix = $"t{Guid.NewGuid():N}.", Partitions = partitions };
        foreach (var topic in topics.All())
        {
            Cluster.CreateTopic(topic, topics.Partitions, topics.ReplicationFactor);
        }

        return topics;
    }

    public void Dispose() => Cluster.Dispose();
}

using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>How the local cluster gets its topics: not through the admin API, which its brokers do not serve.</summary>
[Collection(ClusterTests.Name)]
public sealed class DevClusterTopicTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task CreateTopicsAsync_LocalCluster_Refused()
    {
        // Arrange
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var topic = new TopicSpecification
        {
            Name = $"t{Guid.NewGuid():N}.admin",
            NumPartitions = 4,
            ReplicationFactor = 3,
            Configs = new() { ["min.insync.replicas"] = "2" },
        };

        // Act
        var refusal = await Assert.ThrowsAnyAsync<KafkaException>(() =>
            admin.CreateTopicsAsync([topic], new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(3) }));

        // Assert: librdkafka 2.16's mock names no broker as controller and serves no CreateTopics (see LocalKafkaCluster.CreateTopic).
        Assert.True(refusal.Error.IsError);
    }

    [Fact]
    public void CreateTopic_ReplicationFactorThree_EveryPartitionHasThreeReplicasInSync()
    {
        // Arrange
        var topic = $"t{Guid.NewGuid():N}.replicated";
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        // Act
        cluster.Cluster.CreateTopic(topic, partitions: 6, replicationFactor: 3);
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();

        // Assert
        Assert.False(metadata.Error.IsError);
        Assert.Equal(6, metadata.Partitions.Count);
        Assert.All(metadata.Partitions, partition => Assert.Equal((3, 3), (partition.Replicas.Length, partition.InSyncReplicas.Length)));
    }
}

using Confluent.Kafka;
using Streams.DevCluster;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary><c>./streams topics create</c> against the local cluster's process and against a cluster that refuses it.</summary>
[Collection(ClusterTests.Name)]
public sealed class TopicsCreateTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task TopicsCreate_LocalClusterWithoutTheTopics_CreatesEachAsConfiguredThenFindsThemOnASecondRun()
    {
        // Arrange: the local cluster's own process (it creates the default streams.* topics; this prefix has none).
        var stateFile = Path.Combine(Path.GetTempPath(), $"dev-cluster-{Guid.NewGuid():N}.json");
        await using var devCluster = HostProcess.Start(["dev-cluster"], new Dictionary<string, string> { ["Streams__DevCluster__StateFile"] = stateFile });
        await devCluster.WaitForOutputAsync(line => line.StartsWith("bootstrap.servers=", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var state = DevClusterState.Load(stateFile) ?? throw new InvalidOperationException("no state file written");
        var topics = new TopicOptions { Prefix = $"c{Guid.NewGuid():N}.", Partitions = 3 };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Test",
            ["Streams__DevCluster__StateFile"] = stateFile,
            ["Streams__Kafka__Topics__Prefix"] = topics.Prefix,
            ["Streams__Kafka__Topics__Partitions"] = "3",
            ["Streams__SchemaRegistry__Topic"] = topics.Prefix + "schemas",
        };

        // Act
        await using var first = HostProcess.Start(["topics", "create"], environment);
        var firstExit = await first.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await using var second = HostProcess.Start(["topics", "create"], environment);
        var secondExit = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Assert
        Assert.True(firstExit == 0, string.Join('\n', first.Output));
        Assert.True(secondExit == 0, string.Join('\n', second.Output));
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = state.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        foreach (var topic in topics.All())
        {
            var created = Assert.Single(metadata.Topics, t => t.Topic == topic);
            Assert.Equal(3, created.Partitions.Count);
            Assert.All(created.Partitions, partition => Assert.Equal(3, partition.Replicas.Length));
            Assert.Contains(first.Output, line => line.StartsWith("created  " + topic + " ", StringComparison.Ordinal));
            Assert.Contains(second.Output, line => line == "exists   " + topic);
        }

        Assert.Single(Assert.Single(metadata.Topics, t => t.Topic == topics.Prefix + "schemas").Partitions);
    }

    [Fact]
    public async Task TopicsCreate_AClusterWithoutCreateTopics_ExitCodeTwoAndAMessageNoStackTrace()
    {
        // Arrange: the in-process local cluster, given as a real cluster's address: its admin API has no CreateTopics.
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Test",
            ["Streams__Kafka__BootstrapServers"] = cluster.BootstrapServers,
            ["Streams__Kafka__Topics__Prefix"] = $"c{Guid.NewGuid():N}.",
        };

        // Act
        await using var command = HostProcess.Start(["topics", "create"], environment);
        var exit = await command.WaitForExitAsync(TimeSpan.FromSeconds(90));

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains(command.Output, line => line.StartsWith("streams: The cluster ", StringComparison.Ordinal));
        Assert.DoesNotContain(command.Output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}

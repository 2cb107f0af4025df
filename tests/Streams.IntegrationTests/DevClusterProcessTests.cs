using System.Net;
using Confluent.Kafka;
using Streams.DevCluster;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>`dev-cluster` as its own process: prints its brokers, serves Kafka, and takes faults over its control API.</summary>
public sealed class DevClusterProcessTests
{
    [Fact]
    public async Task DevCluster_OwnProcess_ServesKafkaAndInjectsFaults()
    {
        // Arrange
        var stateFile = Path.Combine(Path.GetTempPath(), $"dev-cluster-{Guid.NewGuid():N}.json");
        await using var process = HostProcess.Start(["dev-cluster"], new Dictionary<string, string> { ["Streams__DevCluster__StateFile"] = stateFile });
        await process.WaitForOutputAsync(line => line.StartsWith("bootstrap.servers=", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var bootstrap = process.Output.First(line => line.StartsWith("bootstrap.servers=", StringComparison.Ordinal))["bootstrap.servers=".Length..];
        var state = DevClusterState.Load(stateFile) ?? throw new InvalidOperationException("no state file written");
        using var control = new HttpClient { BaseAddress = new Uri(state.ControlUrl + "/") };
        var client = new DevClusterClient(control);
        using var producer = Producer(bootstrap, messageTimeoutMs: 3000);

        // Act
        var healthy = await producer.ProduceAsync("streams.ingested", new Message<Null, string> { Value = "before" });
        await client.SetAllBrokersDownAsync();

        var outage = await Assert.ThrowsAsync<ProduceException<Null, string>>(() =>
            producer.ProduceAsync("streams.ingested", new Message<Null, string> { Value = "during" }));
        await client.SetAllBrokersUpAsync();

        // A fresh client: the first one may still be backing off its reconnects after the outage.
        using var afterwards = Producer(bootstrap, messageTimeoutMs: 30_000);
        var recovered = await afterwards.ProduceAsync("streams.ingested", new Message<Null, string> { Value = "after" });

        // Assert
        Assert.Equal(state.BootstrapServers, bootstrap);
        Assert.Equal(PersistenceStatus.Persisted, healthy.Status);
        Assert.True(outage.Error.IsError);
        Assert.Equal(PersistenceStatus.Persisted, recovered.Status);
    }

    [Fact]
    public async Task DevCluster_ControlApi_RejectsAnUnknownBroker()
    {
        // Arrange
        var stateFile = Path.Combine(Path.GetTempPath(), $"dev-cluster-{Guid.NewGuid():N}.json");
        await using var process = HostProcess.Start(["dev-cluster"], new Dictionary<string, string> { ["Streams__DevCluster__StateFile"] = stateFile });
        await process.WaitForOutputAsync(line => line.StartsWith("bootstrap.servers=", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var state = DevClusterState.Load(stateFile)!;
        using var control = new HttpClient();

        // Act
        using var response = await control.PostAsync(new Uri(state.ControlUrl + "/cluster/brokers/42/down"), content: null);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DevCluster_ControlApi_MovesAPartitionsLeaderAndRejectsAnUnknownPartition()
    {
        // Arrange
        var stateFile = Path.Combine(Path.GetTempPath(), $"dev-cluster-{Guid.NewGuid():N}.json");
        await using var process = HostProcess.Start(["dev-cluster"], new Dictionary<string, string> { ["Streams__DevCluster__StateFile"] = stateFile });
        await process.WaitForOutputAsync(line => line.StartsWith("bootstrap.servers=", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var state = DevClusterState.Load(stateFile)!;
        using var control = new HttpClient { BaseAddress = new Uri(state.ControlUrl + "/") };
        var client = new DevClusterClient(control);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = state.BootstrapServers }).Build();
        int LeaderOf(int partition) =>
            admin.GetMetadata("streams.ingested", TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single(p => p.PartitionId == partition).Leader;
        var before = LeaderOf(0);
        var target = before % 3 + 1;

        // Act
        await client.SetPartitionLeaderAsync("streams.ingested", 0, target);
        using var unknown = await control.PostAsync(new Uri("cluster/topics/streams.ingested/partitions/99/leader/1", UriKind.Relative), content: null);

        // Assert
        Assert.Equal(target, LeaderOf(0));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    private static IProducer<Null, string> Producer(string bootstrap, int messageTimeoutMs) =>
        new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = messageTimeoutMs,
        }).Build();
}

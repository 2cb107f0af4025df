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
        for (var broker = 1; broker <= 3; broker++)
        {
            await client.SetBrokerDownAsync(broker);
        }

        var outage = await Assert.ThrowsAsync<ProduceException<Null, string>>(() =>
            producer.ProduceAsync("streams.ingested", new Message<Null, string> { Value = "during" }));
        for (var broker = 1; broker <= 3; broker++)
        {
            await client.SetBrokerUpAsync(broker);
        }

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

    private static IProducer<Null, string> Producer(string bootstrap, int messageTimeoutMs) =>
        new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = messageTimeoutMs,
        }).Build();
}

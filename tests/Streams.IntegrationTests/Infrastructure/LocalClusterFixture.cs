using Streams.DevCluster;
using Streams.Kafka;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// One in-memory 3-broker cluster for the test run, hosted in the test process, with one schema registry over it:
/// every host process a test starts points <c>Streams:SchemaRegistry:Url</c> here (see <see cref="Pipeline"/>), so a
/// host that is killed or restarted never takes the registry with it, and the tests encode and decode records with
/// the same registry the hops use.
/// </summary>
public sealed class LocalClusterFixture : IAsyncLifetime
{
    private const string SchemasTopic = "_schemas";
    private RegistryServer? _registry;

    public LocalClusterFixture() => Cluster = LocalKafkaCluster.Start(brokerCount: 3);

    public LocalKafkaCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>The registry every pipeline of the run uses.</summary>
    public Uri RegistryUrl => (_registry ?? throw new InvalidOperationException("The fixture is not initialised.")).Url;

    /// <summary>Encodes and decodes record values as the hops do.</summary>
    public TestEnvelopes Envelopes { get; private set; } = null!;

    /// <summary>
    /// Creates every pipeline topic under a prefix of its own, so tests never see each other's records, with
    /// <paramref name="retryTiers"/> or the default tiers.
    /// </summary>
    public TopicOptions CreateTopics(int partitions = 4, IReadOnlyList<string>? retryTiers = null)
    {
        var topics = new TopicOptions { Prefix = $"t{Guid.NewGuid():N}.", Partitions = partitions };
        if (retryTiers is not null)
        {
            topics.RetryTiers = [.. retryTiers];
        }

        foreach (var topic in topics.All())
        {
            Cluster.CreateTopic(topic, topics.Partitions, topics.ReplicationFactor);
        }

        return topics;
    }

    public async Task InitializeAsync()
    {
        Cluster.CreateTopic(SchemasTopic, partitions: 1, replicationFactor: 3);
        _registry = await RegistryServer.StartAsync(BootstrapServers, SchemasTopic);
        Envelopes = await TestEnvelopes.RegisterAsync(_registry.Url);
    }

    public async Task DisposeAsync()
    {
        Envelopes?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        Cluster.Dispose();
    }
}

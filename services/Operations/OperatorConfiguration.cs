using Microsoft.Extensions.Configuration;
using Streams.DevCluster;
using Streams.Kafka;

namespace Streams.Operations;

/// <summary>
/// The operator commands find the cluster and the subscriptions the way the services do: appsettings,
/// <c>appsettings.{Environment}.json</c>, <c>Streams__…</c> environment variables; with no bootstrap servers
/// configured, the local cluster that <c>./streams up</c> started (its state file).
/// </summary>
public sealed class OperatorConfiguration
{
    private OperatorConfiguration(IConfiguration configuration, KafkaOptions kafka, DevClusterState? localCluster)
    {
        Configuration = configuration;
        Kafka = kafka;
        LocalCluster = localCluster;
    }

    /// <summary>The whole configuration.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Kafka settings, bootstrap servers resolved.</summary>
    public KafkaOptions Kafka { get; }

    /// <summary>The local cluster the bootstrap servers came from, when none were configured; null for a configured cluster.</summary>
    public DevClusterState? LocalCluster { get; }

    /// <summary>Loads configuration; throws <see cref="OperatorException"/> when no cluster can be found.</summary>
    public static OperatorConfiguration Load(string baseDirectory)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(baseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var kafka = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();
        RetryTierSettings.Apply(kafka.Topics, configuration);
        DevClusterState? localCluster = null;
        if (string.IsNullOrWhiteSpace(kafka.BootstrapServers))
        {
            var stateFile = configuration[$"{DevClusterOptions.SectionName}:{nameof(DevClusterOptions.StateFile)}"] ?? new DevClusterOptions().StateFile;
            localCluster = DevClusterState.Load(stateFile)
                ?? throw new OperatorException(
                    $"No Kafka cluster: set {KafkaOptions.SectionName}:BootstrapServers (Streams__Kafka__BootstrapServers), or start the local one with `./streams up` (no running cluster in {stateFile}).");
            kafka.BootstrapServers = localCluster.BootstrapServers;
        }

        return new OperatorConfiguration(configuration, kafka, localCluster);
    }
}

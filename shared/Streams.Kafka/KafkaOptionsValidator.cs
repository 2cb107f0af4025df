using Streams.Hosting;

namespace Streams.Kafka;

/// <summary>Rejects Kafka settings the services cannot run with, naming the setting.</summary>
public sealed class KafkaOptionsValidator() : SectionValidator<KafkaOptions>(KafkaOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(KafkaOptions options, SettingErrors errors)
    {
        errors.Require(
            !string.IsNullOrWhiteSpace(options.BootstrapServers),
            nameof(options.BootstrapServers),
            "is required (host:port[,host:port...]); `./streams up` sets it to the local cluster's.");
        errors.Require(
            string.IsNullOrWhiteSpace(options.BootstrapServers) || options.BootstrapServers.Split(',').All(server => IsHostPort(server.Trim())),
            nameof(options.BootstrapServers),
            $"must be a comma-separated host:port list, was '{options.BootstrapServers}'.");
        errors.AtLeast(nameof(options.DeliveryTimeoutMs), options.DeliveryTimeoutMs, 1000);
        errors.AtLeast(nameof(options.LingerMs), options.LingerMs, 0);
        errors.AtLeast(nameof(options.FetchWaitMaxMs), options.FetchWaitMaxMs, 0);
        errors.AtLeast("Topics:Partitions", options.Topics.Partitions, 1);
        errors.AtLeast("Topics:ReplicationFactor", options.Topics.ReplicationFactor, 1);
        errors.AtLeast("Topics:MinInSyncReplicas", options.Topics.MinInSyncReplicas, 1);
        errors.Require(
            options.Topics.MinInSyncReplicas <= options.Topics.ReplicationFactor,
            "Topics:MinInSyncReplicas",
            $"must not exceed Topics:ReplicationFactor ({options.Topics.ReplicationFactor}), or no acks=all write could succeed.");
    }

    private static bool IsHostPort(string server)
    {
        var colon = server.LastIndexOf(':');
        return colon > 0
            && int.TryParse(server.AsSpan(colon + 1), out var port)
            && port is > 0 and < 65536;
    }
}

using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Kafka;

namespace Streams.DevCluster;

/// <summary>
/// <c>./streams dev-cluster</c>: the local cluster in a process of its own, with every pipeline
/// topic created and a control API, so services can be killed and restarted around it.
/// </summary>
public static class DevClusterApp
{
    /// <summary>Runs until Ctrl-C or SIGTERM.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var options = builder.Configuration.GetSection(DevClusterOptions.SectionName).Get<DevClusterOptions>() ?? new();
        var topics = builder.Configuration.GetSection(TopicOptions.SectionName).Get<TopicOptions>() ?? new();
        RetryTierSettings.Apply(topics, builder.Configuration);
        builder.WebHost.UseUrls(options.ControlUrl);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        using var cluster = LocalKafkaCluster.Start(options.Brokers);
        foreach (var topic in topics.All())
        {
            cluster.CreateTopic(topic, topics.Partitions, topics.ReplicationFactor);
        }

        // The schema registry's log: one partition keeps its records in order (compacted on a real cluster).
        cluster.CreateTopic(SchemaRegistryTopic.Name(builder.Configuration), 1, topics.ReplicationFactor);

        await using var app = builder.Build();
        app.MapDevClusterControl(cluster);
        await app.StartAsync();

        var controlUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        new DevClusterState(cluster.BootstrapServers, controlUrl, Environment.ProcessId).Save(options.StateFile);
        app.Logger.LogInformation(
            "Local Kafka cluster: {Brokers} brokers at {BootstrapServers}; topics {Topics} ({Partitions} partitions, RF {ReplicationFactor}); control API {ControlUrl}",
            cluster.BrokerCount, cluster.BootstrapServers, topics.All(), topics.Partitions, topics.ReplicationFactor, controlUrl);
        // The one line scripts read: stdout, fixed format.
        await Console.Out.WriteLineAsync($"bootstrap.servers={cluster.BootstrapServers}");

        await app.WaitForShutdownAsync();
        File.Delete(options.StateFile);
        return 0;
    }
}

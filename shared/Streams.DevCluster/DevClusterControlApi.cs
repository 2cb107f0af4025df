using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Streams.DevCluster;

/// <summary>
/// HTTP control of a local cluster running in its own process, so tests and operators can inject
/// faults into the cluster that services in other processes are using.
/// </summary>
public static class DevClusterControlApi
{
    /// <summary>Maps the control endpoints under <c>/cluster</c>.</summary>
    public static IEndpointRouteBuilder MapDevClusterControl(this IEndpointRouteBuilder endpoints, LocalKafkaCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var group = endpoints.MapGroup("/cluster");
        group.MapGet("/", () => Results.Ok(new { cluster.BootstrapServers, Brokers = cluster.BrokerCount }));
        group.MapPost("/topics", (TopicSpec topic) => Apply(() => cluster.CreateTopic(topic.Name, topic.Partitions, topic.ReplicationFactor)));
        group.MapPost("/topics/{topic}/partitions/{partition:int}/leader/{broker:int}", (string topic, int partition, int broker) =>
            Apply(() => cluster.SetPartitionLeader(topic, partition, broker)));
        group.MapPost("/brokers/down", () => Apply(cluster.SetAllBrokersDown));
        group.MapPost("/brokers/up", () => Apply(cluster.SetAllBrokersUp));
        group.MapPost("/brokers/{id:int}/down", (int id) => Apply(() => cluster.SetBrokerDown(id)));
        group.MapPost("/brokers/{id:int}/up", (int id) => Apply(() => cluster.SetBrokerUp(id)));
        group.MapPost("/brokers/{id:int}/rtt/{milliseconds:int}", (int id, int milliseconds) =>
            Apply(() => cluster.SetRoundTripTime(id, TimeSpan.FromMilliseconds(milliseconds))));
        group.MapPost("/errors", (RequestErrorsSpec spec) => Apply(() => cluster.PushRequestErrors(spec.Api, [.. spec.Errors])));
        group.MapDelete("/errors/{api}", (KafkaApi api) => Apply(() => cluster.ClearRequestErrors(api)));
        return endpoints;
    }

    private static IResult Apply(Action action)
    {
        try
        {
            action();
            return Results.NoContent();
        }
        catch (InvalidOperationException exception)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}

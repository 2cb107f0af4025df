using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Kafka.Topics;
using Streams.SchemaRegistry.Api;
using Streams.SchemaRegistry.Storage;

namespace Streams.SchemaRegistry;

/// <summary>Wires the SchemaRegistry role: a Confluent-compatible registry whose state lives in the <c>_schemas</c> topic.</summary>
public static class SchemaRegistryServiceCollectionExtensions
{
    /// <summary>Registers the registry's options, its store (a hosted service that reads <c>_schemas</c>) and its operations.</summary>
    /// <remarks>Needs the Kafka plumbing (<c>AddStreamsKafka</c>) registered too.</remarks>
    public static IServiceCollection AddSchemaRegistry(this IServiceCollection services)
    {
        services.AddOptions<SchemaRegistryOptions>().BindConfiguration(SchemaRegistryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchemaRegistryOptions>, SchemaRegistryOptionsValidator>();
        services.AddSingleton<SchemaStore>();
        services.AddRequiredTopics(SchemaStore.TopicsRole, provider => [provider.GetRequiredService<IOptions<SchemaRegistryOptions>>().Value.Topic]);
        services.AddHostedService(provider => provider.GetRequiredService<SchemaStore>());
        services.AddSingleton<SchemaRegistryApi>();
        return services;
    }

    /// <summary>Maps the registry's REST API at the root (<c>/subjects</c>, <c>/schemas/ids/{id}</c>, <c>/config</c>, <c>/compatibility</c>).</summary>
    public static IEndpointRouteBuilder MapSchemaRegistry(this IEndpointRouteBuilder endpoints)
    {
        SchemaRegistryEndpoints.Map(endpoints);
        return endpoints;
    }
}

using Confluent.SchemaRegistry;

namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>Creates the services' caching registry client (Confluent's) for a replica.</summary>
public static class RegistryClients
{
    public static CachedSchemaRegistryClient For(Uri url) =>
        new(new SchemaRegistryConfig { Url = url?.ToString(), RequestTimeoutMs = 30_000 });
}

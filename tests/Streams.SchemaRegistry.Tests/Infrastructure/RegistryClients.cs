using Microsoft.Extensions.Options;
using Streams.Envelope;

namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>Creates the services' caching registry client for a replica.</summary>
public static class RegistryClients
{
    public static SchemaRegistryClient For(Uri url) =>
        new(Options.Create(new SchemaRegistryClientOptions { Url = url.ToString(), RequestTimeoutMs = 30_000 }));
}

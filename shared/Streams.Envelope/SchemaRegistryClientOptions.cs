using Confluent.SchemaRegistry;

namespace Streams.Envelope;

/// <summary>Where the services find the schema registry: the <c>Streams:SchemaRegistry</c> configuration section.</summary>
public sealed class SchemaRegistryClientOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:SchemaRegistry";

    /// <summary>The registry's base URL, e.g. <c>http://127.0.0.1:8081</c>; a Confluent Schema Registry works unchanged.</summary>
    public string Url { get; set; } = "";

    /// <summary>How long one request to the registry may take.</summary>
    public int RequestTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// Further settings for Confluent's registry client by their own names (e.g. <c>schema.registry.basic.auth.user.info</c>,
    /// <c>schema.registry.ssl.ca.location</c>), applied last.
    /// </summary>
    public Dictionary<string, string> Client { get; } = new(StringComparer.Ordinal);

    /// <summary>The configuration Confluent's <c>CachedSchemaRegistryClient</c> is built from.</summary>
    /// <returns>A new configuration.</returns>
    public SchemaRegistryConfig ToClientConfig()
    {
        var config = new SchemaRegistryConfig { Url = Url, RequestTimeoutMs = RequestTimeoutMs };
        foreach (var (key, value) in Client)
        {
            config.Set(key, value);
        }

        return config;
    }
}

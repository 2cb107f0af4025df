using Microsoft.Extensions.Configuration;

namespace Streams.Kafka;

/// <summary>
/// The schema registry's own topic. The registry's settings name it, and the local cluster and
/// <c>./streams topics create</c> create it without loading the registry, so its key and default live here once.
/// </summary>
public static class SchemaRegistryTopic
{
    /// <summary>The setting that names it.</summary>
    public const string SettingKey = "Streams:SchemaRegistry:Topic";

    /// <summary>Its name when the setting is absent: not prefixed, as Confluent's registry names it.</summary>
    public const string DefaultName = "_schemas";

    /// <summary>The configured name, or the default.</summary>
    public static string Name(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[SettingKey] ?? DefaultName;
    }
}

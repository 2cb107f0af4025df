using Streams.Kafka;

namespace Streams.SchemaRegistry;

/// <summary>The SchemaRegistry role's settings: the <c>Streams:SchemaRegistry</c> configuration section.</summary>
public sealed class SchemaRegistryOptions
{
    /// <summary>The configuration section these options bind to (shared with the services' registry client).</summary>
    public const string SectionName = "Streams:SchemaRegistry";

    /// <summary>
    /// The topic holding the registry's state: one partition, <c>cleanup.policy=compact</c>, RF=3,
    /// <c>min.insync.replicas=2</c> in production. Not prefixed, as Confluent's registry names it.
    /// </summary>
    public string Topic { get; set; } = SchemaRegistryTopic.DefaultName;

    /// <summary>How long a replica may take to read the topic to its end at start before requests fail with 50002.</summary>
    public int InitTimeoutMs { get; set; } = 60_000;

    /// <summary>How long a write may wait for Kafka to acknowledge it and for the replica to read it back.</summary>
    public int WriteTimeoutMs { get; set; } = 30_000;
}

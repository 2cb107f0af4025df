using Streams.Envelope;
using Streams.Envelope.Tests;

namespace Streams.LoadTests.Normaliser;

/// <summary>
/// Records as ingest writes them (the envelope), with the real serializer over an in-memory registry: the benchmark
/// measures the normaliser, not registry round trips, which the client's cache removes after the first record anyway.
/// </summary>
internal static class BenchEnvelopes
{
    /// <summary>The envelope schema's id in <see cref="Registry"/>.</summary>
    public const int SchemaId = 1;

    public static InMemorySchemaRegistry Registry { get; } = CreateRegistry();

    public static EnvelopeSerializer Serializer { get; } = new(Registry, SchemaId, EnvelopeSchemas.Current);

    /// <summary>The record value of a structured-mode event.</summary>
    public static byte[] Encode(byte[] cloudEventJson) => Serializer.Serialize(CloudEventJson.FromJson(cloudEventJson));

    private static InMemorySchemaRegistry CreateRegistry()
    {
        var registry = new InMemorySchemaRegistry();
        registry.Add(SchemaId, EnvelopeSchemas.Current);
        return registry;
    }
}

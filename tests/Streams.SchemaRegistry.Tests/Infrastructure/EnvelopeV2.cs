using System.Text.Json.Nodes;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Streams.Envelope;

namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>
/// A later envelope release as another team would run it with Confluent's own serdes: v1's fields plus an optional
/// <c>tenant</c>, written under the v2 schema id, and read with the subject's latest schema as the reader schema.
/// </summary>
public static class EnvelopeV2
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "streams");

    /// <summary>The v2 schema: the current envelope with one more optional field.</summary>
    public static string Json { get; } = WithField(new JsonObject { ["name"] = "tenant", ["type"] = new JsonArray("null", "string"), ["default"] = null });

    /// <summary>The current envelope with <paramref name="field"/> added.</summary>
    public static string WithField(JsonObject field)
    {
        var schema = JsonNode.Parse(EnvelopeSchemas.CurrentJson)!.AsObject();
        schema["fields"]!.AsArray().Add(field);
        return schema.ToJsonString();
    }

    /// <summary>Registers <see cref="Json"/> under the envelope subject.</summary>
    public static Task<int> RegisterAsync(ISchemaRegistryClient registry) =>
        registry.RegisterSchemaAsync(EnvelopeSchemas.Subject, new Schema(Json, SchemaType.Avro));

    /// <summary>The event of a v1 value as a v2 producer writes it, with a tenant. Needs v2 registered as the latest version.</summary>
    public static async Task<byte[]> WriteAsync(ISchemaRegistryClient registry, int v2Id, byte[] v1Value, string tenant)
    {
        var record = await ReadAsLatestAsync(registry, v1Value);
        record.Add("tenant", tenant);
        var writer = new AvroSerializer<GenericRecord>(registry, new AvroSerializerConfig
        {
            AutoRegisterSchemas = false,
            UseSchemaId = v2Id,
            SubjectNameStrategy = SubjectNameStrategy.Record,
        });
        return await writer.SerializeAsync(record, Context);
    }

    /// <summary>Reads a value as a v2 consumer does: the writer's schema by the id in the value, resolved to the subject's latest.</summary>
    public static Task<GenericRecord> ReadAsLatestAsync(ISchemaRegistryClient registry, byte[] value) =>
        new AvroDeserializer<GenericRecord>(registry, new AvroDeserializerConfig { UseLatestVersion = true, SubjectNameStrategy = SubjectNameStrategy.Record })
            .DeserializeAsync(value, isNull: false, Context);
}

using System.Text.Json;
using Streams.Avro;
using Streams.SchemaRegistry.Storage;

namespace Streams.SchemaRegistry.Api;

/// <summary>The body of register, lookup and compatibility requests: <c>{"schema": "...", "schemaType"?: "AVRO", "references"?: []}</c>.</summary>
/// <param name="Schema">The parsed schema.</param>
/// <param name="Text">The schema's compact JSON text, as stored.</param>
internal sealed record SchemaRequest(AvroSchema Schema, string Text)
{
    public static SchemaRequest Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String)
        {
            throw RegistryException.InvalidSchema("the body must be a JSON object with the schema as a string in \"schema\".");
        }

        if (body.TryGetProperty("schemaType", out var type) && type.ValueKind != JsonValueKind.Null && type.GetString() != "AVRO")
        {
            throw RegistryException.InvalidSchema($"schema type {type} is not supported; this registry holds AVRO schemas only.");
        }

        if (body.TryGetProperty("references", out var references) && references.ValueKind == JsonValueKind.Array && references.GetArrayLength() > 0)
        {
            throw RegistryException.InvalidSchema("schema references are not supported.");
        }

        var text = schema.GetString()!;
        try
        {
            return new SchemaRequest(AvroSchema.Parse(text), SchemaText.Compact(text));
        }
        catch (AvroSchemaException ex)
        {
            throw RegistryException.InvalidSchema(ex.Message);
        }
    }
}

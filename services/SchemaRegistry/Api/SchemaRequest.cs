using System.Text.Json;
using Avro;
using Streams.SchemaRegistry.Storage;

namespace Streams.SchemaRegistry.Api;

/// <summary>The body of register, lookup and compatibility requests: <c>{"schema": "...", "schemaType"?: "AVRO", "references"?: []}</c>.</summary>
/// <param name="Schema">The parsed schema.</param>
/// <param name="Text">The schema's compact JSON text, as stored.</param>
internal sealed record SchemaRequest(Schema Schema, string Text)
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
        return new SchemaRequest(Parse(text), Compact(text));
    }

    private static Schema Parse(string text)
    {
        Schema? parsed;
        try
        {
            parsed = Schema.Parse(text);
        }
        // Apache.Avro 1.12.2 answers an undefined type name inside a schema ({"type":{"type":"nonsense"}}) with an
        // ArgumentNullException, and text that is not JSON with Newtonsoft's exceptions.
        catch (Exception ex) when (ex is AvroException or ArgumentException or Newtonsoft.Json.JsonException)
        {
            throw RegistryException.InvalidSchema(ex.Message);
        }

        // ...and an undefined type name at the top ({"type":"nonsense"}) with no schema at all.
        if (parsed is null)
        {
            throw RegistryException.InvalidSchema("the schema's type is not a defined type name.");
        }

        return AvroDefaultValues.FirstInvalid(parsed) is { } problem ? throw RegistryException.InvalidSchema(problem) : parsed;
    }

    private static string Compact(string text)
    {
        try
        {
            return SchemaText.Compact(text);
        }
        catch (JsonException ex)
        {
            throw RegistryException.InvalidSchema(ex.Message);
        }
    }
}

using Avro;

namespace Streams.Envelope;

/// <summary>The envelope's Avro schema as this build writes and reads it.</summary>
public static class EnvelopeSchemas
{
    /// <summary>
    /// The subject the envelope schema is registered under: the record's full name (Confluent's RecordNameStrategy), one
    /// envelope for every topic. Confluent's serializer looks its writer schema up under this subject.
    /// </summary>
    public const string Subject = "io.streams.Envelope";

    /// <summary>The schema's JSON text, as registered.</summary>
    public static string CurrentJson { get; } = ReadResource("envelope-v1.avsc");

    /// <summary>The parsed schema.</summary>
    public static RecordSchema Current { get; } = (RecordSchema)Schema.Parse(CurrentJson);

    /// <summary>A schema as the registry holds it, parsed as Avro.</summary>
    /// <exception cref="SchemaParseException">It is not an Avro schema (e.g. a Protobuf schema in a Confluent registry), or not a valid one.</exception>
    internal static Schema Parse(Confluent.SchemaRegistry.Schema registered) => registered.SchemaType == Confluent.SchemaRegistry.SchemaType.Avro
        ? Schema.Parse(registered.SchemaString)
        : throw new SchemaParseException($"it is a {registered.SchemaType} schema, not an Avro one");

    private static string ReadResource(string name)
    {
        using var stream = typeof(EnvelopeSchemas).Assembly.GetManifestResourceStream("Streams.Envelope." + name)
            ?? throw new InvalidOperationException($"The embedded schema {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

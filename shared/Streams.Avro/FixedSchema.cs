namespace Streams.Avro;

/// <summary>A fixed schema: a named byte sequence of a fixed size.</summary>
public sealed class FixedSchema : NamedSchema
{
    internal FixedSchema(SchemaName name, IReadOnlyList<string> aliases, string? doc, int size, AvroLogicalType? logicalType)
        : base(AvroType.Fixed, logicalType, name, aliases, doc)
    {
        Size = size;
    }

    /// <summary>The number of bytes of every value.</summary>
    public int Size { get; }
}

namespace Streams.Avro;

/// <summary>Decodes Avro binary data written with a writer schema into generic values of a reader schema.</summary>
/// <remarks>
/// Schema resolution is worked out once in the constructor; an instance is immutable and thread-safe, so keep one per
/// writer/reader pair (e.g. per schema registry id). Values come back as null, bool, int, long, float, double, byte[],
/// string, <see cref="GenericRecord"/>, <see cref="GenericEnumSymbol"/>, <see cref="GenericFixed"/>, <see cref="List{T}"/> of
/// object for arrays, <see cref="Dictionary{TKey, TValue}"/> from string for maps, and for logical types UTC
/// <see cref="DateTimeOffset"/>, <see cref="Guid"/> and <see cref="AvroDecimal"/>. A union value is its branch's value.
/// </remarks>
public sealed class GenericDatumReader
{
    private readonly ValueReader _read;

    /// <summary>Builds a decoder for data written and read with the same schema.</summary>
    /// <param name="schema">The schema.</param>
    public GenericDatumReader(AvroSchema schema)
        : this(schema, schema)
    {
    }

    /// <summary>Builds a decoder that resolves the writer's schema to the reader's.</summary>
    /// <param name="writerSchema">The schema the data was written with.</param>
    /// <param name="readerSchema">The schema the values should have.</param>
    /// <exception cref="AvroSchemaException">The writer schema cannot be resolved to the reader schema.</exception>
    public GenericDatumReader(AvroSchema writerSchema, AvroSchema readerSchema)
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        ArgumentNullException.ThrowIfNull(readerSchema);
        WriterSchema = writerSchema;
        ReaderSchema = readerSchema;
        _read = ResolverBuilder.Build(writerSchema, readerSchema);
    }

    /// <summary>The schema the data was written with.</summary>
    public AvroSchema WriterSchema { get; }

    /// <summary>The schema of the values returned.</summary>
    public AvroSchema ReaderSchema { get; }

    /// <summary>Decodes one value that must take up the whole payload.</summary>
    /// <param name="payload">The encoded value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="AvroException">The data is malformed, truncated, followed by extra bytes, or not readable with the reader schema.</exception>
    public object? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new AvroBinaryReader(payload);
        var value = _read(ref reader);
        return reader.Remaining == 0
            ? value
            : throw new AvroException($"{reader.Remaining} unexpected byte(s) after the value at offset {reader.Position}.");
    }

    /// <summary>Decodes the next value from a reader, leaving it positioned after the value.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    /// <exception cref="AvroException">The data is malformed, truncated, or not readable with the reader schema.</exception>
    public object? Read(ref AvroBinaryReader reader) => _read(ref reader);
}

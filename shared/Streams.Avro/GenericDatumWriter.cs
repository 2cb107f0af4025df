using System.Buffers;

namespace Streams.Avro;

/// <summary>Encodes generic values of one schema in the Avro binary encoding.</summary>
/// <remarks>
/// The encoders are built once in the constructor; an instance is immutable and thread-safe, so keep one per schema.
/// Values: null, bool, int, long, float, double, byte[], string, <see cref="GenericRecord"/>, <see cref="GenericEnumSymbol"/>
/// (or its symbol as a string), <see cref="GenericFixed"/>, any <see cref="System.Collections.IList"/> for arrays, any
/// <see cref="System.Collections.IDictionary"/> with string keys for maps, and for logical types <see cref="DateTimeOffset"/>,
/// <see cref="Guid"/> and <see cref="AvroDecimal"/>. Numbers are promoted as schema resolution allows (an int is a valid long).
/// A union value is written as the first branch of its own type, else the first branch it can be promoted to.
/// </remarks>
public sealed class GenericDatumWriter
{
    private readonly ValueWriter _write;

    /// <summary>Builds the encoder for a schema.</summary>
    /// <param name="schema">The writer schema.</param>
    public GenericDatumWriter(AvroSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _write = WriterBuilder.Build(schema);
    }

    /// <summary>The schema values are written with.</summary>
    public AvroSchema Schema { get; }

    /// <summary>Appends the encoding of a value to a buffer.</summary>
    /// <param name="value">The value.</param>
    /// <param name="output">The buffer.</param>
    /// <exception cref="AvroException">The value does not match the schema; the buffer may hold a partial encoding.</exception>
    public void Write(object? value, IBufferWriter<byte> output) => _write(new AvroBinaryWriter(output), value);

    /// <summary>Writes the encoding of a value with an existing writer, e.g. after a header.</summary>
    /// <param name="value">The value.</param>
    /// <param name="writer">The writer.</param>
    /// <exception cref="AvroException">The value does not match the schema.</exception>
    public void Write(object? value, AvroBinaryWriter writer) => _write(writer, value);

    /// <summary>Encodes a value into a new array, using a reused per-thread buffer meanwhile.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The encoding.</returns>
    /// <exception cref="AvroException">The value does not match the schema.</exception>
    public byte[] Serialize(object? value)
    {
        var buffer = ScratchBuffer.Rent();
        Write(value, buffer);
        return ScratchBuffer.ToArray(buffer);
    }
}

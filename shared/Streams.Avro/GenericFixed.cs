namespace Streams.Avro;

/// <summary>A fixed value in the generic representation.</summary>
public sealed class GenericFixed
{
    /// <summary>Creates a fixed value; the array is used as is, not copied.</summary>
    /// <param name="schema">The fixed schema.</param>
    /// <param name="value">Exactly <see cref="FixedSchema.Size"/> bytes.</param>
    /// <exception cref="AvroException">The length does not match the schema's size.</exception>
    public GenericFixed(FixedSchema schema, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length != schema.Size)
        {
            throw new AvroException($"Fixed '{schema.FullName}' needs {schema.Size} bytes, got {value.Length}.");
        }

        Schema = schema;
        Value = value;
    }

    /// <summary>The fixed schema.</summary>
    public FixedSchema Schema { get; }

    /// <summary>The bytes.</summary>
    public byte[] Value { get; }
}

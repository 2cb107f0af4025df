namespace Streams.Avro;

/// <summary>A record value in the generic representation: its schema and one value per field.</summary>
public sealed class GenericRecord
{
    private readonly object?[] _values;

    /// <summary>Creates a record whose fields are all <see langword="null"/>.</summary>
    /// <param name="schema">The record schema.</param>
    public GenericRecord(RecordSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _values = new object?[schema.Fields.Count];
    }

    /// <summary>The record's schema.</summary>
    public RecordSchema Schema { get; }

    /// <summary>Gets or sets a field value by position.</summary>
    /// <param name="position">The field's position.</param>
    public object? this[int position]
    {
        get => _values[position];
        set => _values[position] = value;
    }

    /// <summary>Gets or sets a field value by name.</summary>
    /// <param name="fieldName">The field's name.</param>
    /// <exception cref="AvroException">The record has no such field.</exception>
    public object? this[string fieldName]
    {
        get => _values[PositionOf(fieldName)];
        set => _values[PositionOf(fieldName)] = value;
    }

    private int PositionOf(string fieldName) =>
        Schema.TryGetField(fieldName, out var field)
            ? field.Position
            : throw new AvroException($"Record '{Schema.FullName}' has no field '{fieldName}'.");
}

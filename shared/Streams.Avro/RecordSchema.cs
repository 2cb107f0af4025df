namespace Streams.Avro;

/// <summary>A record schema.</summary>
public sealed class RecordSchema : NamedSchema
{
    private IReadOnlyList<AvroField> _fields = [];
    private Dictionary<string, AvroField> _fieldsByName = new(StringComparer.Ordinal);

    internal RecordSchema(SchemaName name, IReadOnlyList<string> aliases, string? doc)
        : base(AvroType.Record, null, name, aliases, doc)
    {
    }

    /// <summary>The fields in declaration order; a field's <see cref="AvroField.Position"/> is its index here.</summary>
    public IReadOnlyList<AvroField> Fields => _fields;

    /// <summary>Looks a field up by name.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="field">The field, when found.</param>
    /// <returns>Whether the record has the field.</returns>
    public bool TryGetField(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AvroField? field) =>
        _fieldsByName.TryGetValue(name, out field);

    /// <summary>Set once the fields are parsed: the record is registered before them so that fields can refer to it.</summary>
    internal void SetFields(List<AvroField> fields)
    {
        _fields = fields;
        _fieldsByName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }
}

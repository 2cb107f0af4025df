namespace Streams.Avro;

/// <summary>A field of a record schema.</summary>
public sealed class AvroField
{
    internal AvroField(string name, int position, AvroSchema schema, IReadOnlyList<string> aliases, string? doc)
    {
        Name = name;
        Position = position;
        Schema = schema;
        Aliases = aliases;
        Doc = doc;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The zero-based position of the field in its record.</summary>
    public int Position { get; }

    /// <summary>The field's schema.</summary>
    public AvroSchema Schema { get; }

    /// <summary>The field's aliases, used to match writer fields during schema resolution.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The documentation, if any.</summary>
    public string? Doc { get; }

    /// <summary>Whether the schema gives the field a default value.</summary>
    public bool HasDefault { get; private set; }

    /// <summary>
    /// The default value in the generic representation; only meaningful when <see cref="HasDefault"/> is true.
    /// The instance is shared: copy it before changing it.
    /// </summary>
    public object? DefaultValue { get; private set; }

    /// <summary>Set after the whole schema is parsed, because a default may be of a named type defined later in it.</summary>
    internal void SetDefault(object? value)
    {
        DefaultValue = value;
        HasDefault = true;
    }
}

namespace Streams.Avro;

/// <summary>A named schema: record, enum or fixed.</summary>
public abstract class NamedSchema : AvroSchema
{
    private protected NamedSchema(AvroType type, AvroLogicalType? logicalType, SchemaName name, IReadOnlyList<string> aliases, string? doc)
        : base(type, logicalType)
    {
        Name = name.Name;
        Namespace = name.Namespace;
        FullName = name.FullName;
        Aliases = aliases;
        Doc = doc;
    }

    /// <summary>The unqualified name.</summary>
    public string Name { get; }

    /// <summary>The namespace, or <see langword="null"/> for the null namespace.</summary>
    public string? Namespace { get; }

    /// <summary>The namespace-qualified name; equality of named types is defined on it.</summary>
    public string FullName { get; }

    /// <summary>The aliases as full names, relative aliases qualified with this type's namespace.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The documentation, if any.</summary>
    public string? Doc { get; }
}

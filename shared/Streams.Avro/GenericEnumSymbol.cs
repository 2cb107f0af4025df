namespace Streams.Avro;

/// <summary>An enum value in the generic representation; get one from <see cref="EnumSchema.GetValue(string)"/>.</summary>
public sealed class GenericEnumSymbol : IEquatable<GenericEnumSymbol>
{
    internal GenericEnumSymbol(EnumSchema schema, int index)
    {
        Schema = schema;
        Index = index;
    }

    /// <summary>The enum schema.</summary>
    public EnumSchema Schema { get; }

    /// <summary>The symbol's index in <see cref="Schema"/>.</summary>
    public int Index { get; }

    /// <summary>The symbol.</summary>
    public string Symbol => Schema.Symbols[Index];

    /// <inheritdoc/>
    public bool Equals(GenericEnumSymbol? other) =>
        other is not null && other.Schema.FullName == Schema.FullName && other.Symbol == Symbol;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GenericEnumSymbol);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Symbol);

    /// <summary>Returns the symbol.</summary>
    /// <returns>The symbol.</returns>
    public override string ToString() => Symbol;
}

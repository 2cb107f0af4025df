namespace Streams.Avro;

/// <summary>An enum schema.</summary>
public sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> _indexes;
    private readonly GenericEnumSymbol[] _values;

    internal EnumSchema(SchemaName name, IReadOnlyList<string> aliases, string? doc, IReadOnlyList<string> symbols, string? defaultSymbol)
        : base(AvroType.Enum, null, name, aliases, doc)
    {
        Symbols = symbols;
        Default = defaultSymbol;
        _indexes = new Dictionary<string, int>(symbols.Count, StringComparer.Ordinal);
        _values = new GenericEnumSymbol[symbols.Count];
        for (var i = 0; i < symbols.Count; i++)
        {
            _indexes.Add(symbols[i], i);
            _values[i] = new GenericEnumSymbol(this, i);
        }
    }

    /// <summary>The symbols in order; the encoding writes a symbol's index.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol readers use for writer symbols they do not know, or <see langword="null"/>.</summary>
    public string? Default { get; }

    /// <summary>Returns the index of a symbol.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>Its index, or -1 when the enum does not have it.</returns>
    public int IndexOf(string symbol) => _indexes.TryGetValue(symbol, out var index) ? index : -1;

    /// <summary>Returns the shared value of a symbol.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The value.</returns>
    /// <exception cref="AvroException">The enum does not have the symbol.</exception>
    public GenericEnumSymbol GetValue(string symbol) =>
        _indexes.TryGetValue(symbol, out var index)
            ? _values[index]
            : throw new AvroException($"Enum '{FullName}' has no symbol '{symbol}'.");

    /// <summary>Returns the shared value at an index.</summary>
    /// <param name="index">The symbol index.</param>
    /// <returns>The value.</returns>
    /// <exception cref="AvroException">The index is out of range.</exception>
    public GenericEnumSymbol GetValue(int index) =>
        (uint)index < (uint)_values.Length
            ? _values[index]
            : throw new AvroException($"Enum '{FullName}' has no symbol at index {index}.");
}

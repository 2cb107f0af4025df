using System.Collections;

namespace Streams.Avro.Tests;

/// <summary>Structural equality of generic values: records by schema name and fields, collections and bytes by content.</summary>
internal sealed class GenericValueComparer : IEqualityComparer<object?>
{
    public static GenericValueComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => (x, y) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (GenericFixed a, GenericFixed b) => a.Schema.FullName == b.Schema.FullName && a.Value.AsSpan().SequenceEqual(b.Value),
        (GenericRecord a, GenericRecord b) => a.Schema.FullName == b.Schema.FullName
            && a.Schema.Fields.Count == b.Schema.Fields.Count
            && Enumerable.Range(0, a.Schema.Fields.Count).All(i => Equals(a[i], b[i])),
        (IDictionary a, IDictionary b) => a.Count == b.Count
            && a.Keys.Cast<object>().All(k => b.Contains(k) && Equals(a[k], b[k])),
        (IList a, IList b) => a.Count == b.Count && Enumerable.Range(0, a.Count).All(i => Equals(a[i], b[i])),
        _ => x.Equals(y),
    };

    public int GetHashCode(object? obj) => obj?.GetType().GetHashCode() ?? 0;
}

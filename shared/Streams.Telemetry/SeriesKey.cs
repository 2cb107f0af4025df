namespace Streams.Telemetry;

/// <summary>
/// The label set identifying one series: labels sorted by name, so tag order at the call site does not matter,
/// with an order-independent hash that <see cref="SeriesKeyComparer"/> can also compute from raw tags.
/// </summary>
internal readonly record struct SeriesKey(KeyValuePair<string, string>[] Labels, int Hash)
{
    /// <summary>Builds the key for a measurement's tags; called once per new series only.</summary>
    public static SeriesKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Span<char> buffer = stackalloc char[TagValues.BufferLength];
        var labels = new KeyValuePair<string, string>[tags.Length];
        var hash = 0;
        for (var i = 0; i < tags.Length; i++)
        {
            var value = TagValues.ToLabelValue(tags[i].Value, buffer);
            labels[i] = new(tags[i].Key, value);
            hash = unchecked(hash + LabelHash(tags[i].Key, value));
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new(labels, hash);
    }

    /// <summary>The hash of one label; summed over labels so that the key's hash ignores their order.</summary>
    public static int LabelHash(string name, ReadOnlySpan<char> value) =>
        HashCode.Combine(string.GetHashCode(name.AsSpan()), string.GetHashCode(value));

    /// <summary>Whether this key holds a label <paramref name="name"/> with value <paramref name="value"/>.</summary>
    public bool Contains(string name, ReadOnlySpan<char> value)
    {
        foreach (var label in Labels)
        {
            if (string.Equals(label.Key, name, StringComparison.Ordinal))
            {
                return value.SequenceEqual(label.Value);
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public bool Equals(SeriesKey other)
    {
        if (Hash != other.Hash || Labels.Length != other.Labels.Length)
        {
            return false;
        }

        for (var i = 0; i < Labels.Length; i++)
        {
            if (!string.Equals(Labels[i].Key, other.Labels[i].Key, StringComparison.Ordinal)
                || !string.Equals(Labels[i].Value, other.Labels[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => Hash;
}

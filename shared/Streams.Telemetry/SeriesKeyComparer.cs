namespace Streams.Telemetry;

/// <summary>
/// Lets a series dictionary be probed with a measurement's raw tag span, so that recording into an existing
/// series allocates nothing: the key is only materialised when a new label set appears.
/// </summary>
internal sealed class SeriesKeyComparer
    : IEqualityComparer<SeriesKey>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, SeriesKey>
{
    /// <summary>The shared instance; the comparer is stateless.</summary>
    public static readonly SeriesKeyComparer Instance = new();

    /// <inheritdoc/>
    public bool Equals(SeriesKey x, SeriesKey y) => x.Equals(y);

    /// <inheritdoc/>
    public int GetHashCode(SeriesKey obj) => obj.Hash;

    /// <inheritdoc/>
    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, SeriesKey other)
    {
        if (alternate.Length != other.Labels.Length)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[TagValues.BufferLength];
        foreach (var tag in alternate)
        {
            if (!other.Contains(tag.Key, TagValues.Format(tag.Value, buffer)))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate)
    {
        Span<char> buffer = stackalloc char[TagValues.BufferLength];
        var hash = 0;
        foreach (var tag in alternate)
        {
            hash = unchecked(hash + SeriesKey.LabelHash(tag.Key, TagValues.Format(tag.Value, buffer)));
        }

        return hash;
    }

    /// <inheritdoc/>
    public SeriesKey Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => SeriesKey.From(alternate);
}

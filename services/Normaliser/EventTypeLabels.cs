namespace Streams.Normaliser;

/// <summary>
/// Bounds the <c>type</c> label of the per-type metric: the first <c>max</c> types seen keep their name, later
/// ones are counted as <c>other</c>, so a sender inventing types cannot blow up the metric's cardinality.
/// </summary>
public sealed class EventTypeLabels(int max)
{
    /// <summary>The label used once the limit is reached.</summary>
    public const string Other = "other";

    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>The label for <paramref name="type"/>.</summary>
    public string For(string type) =>
        _known.Contains(type) || (_known.Count < max && _known.Add(type)) ? type : Other;
}

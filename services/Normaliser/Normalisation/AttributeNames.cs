namespace Streams.Normaliser.Normalisation;

/// <summary>The attribute names rules must leave alone (the naming rule itself is <c>CloudEventReader.IsAttributeName</c>).</summary>
public static class AttributeNames
{
    /// <summary>The attributes that make an event addressable; rules may neither rename nor drop them.</summary>
    public static readonly IReadOnlySet<string> Required = new HashSet<string>(StringComparer.Ordinal) { "specversion", "id", "source", "type" };
}

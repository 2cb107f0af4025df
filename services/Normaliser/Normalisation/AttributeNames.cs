namespace Streams.Normaliser.Normalisation;

/// <summary>CloudEvents attribute naming (spec v1.0.2 §"Attribute Naming Convention"): lower-case ASCII letters and digits.</summary>
public static class AttributeNames
{
    /// <summary>The attributes that make an event addressable; rules may neither rename nor drop them.</summary>
    public static readonly IReadOnlySet<string> Required = new HashSet<string>(StringComparer.Ordinal) { "specversion", "id", "source", "type" };

    /// <summary>True when <paramref name="name"/> is non-empty, at most <paramref name="maxLength"/> long and only a-z, 0-9.</summary>
    public static bool IsValid(string name, int maxLength) =>
        name.Length > 0 && name.Length <= maxLength && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}

using System.Text.Json.Nodes;

namespace Streams.Normaliser.Normalisation;

/// <summary>A dotted path into a JSON payload (<c>customer.address.city</c>): the parent object's path and the leaf name.</summary>
public sealed class DataPath
{
    private readonly string[] _parents;

    private DataPath(string[] parents, string leaf)
    {
        _parents = parents;
        Leaf = leaf;
    }

    /// <summary>The last segment: the member the path names.</summary>
    public string Leaf { get; }

    /// <summary>Splits a dotted path; null when a segment is empty.</summary>
    public static DataPath? TryParse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('.');
        return segments.Any(string.IsNullOrEmpty) ? null : new DataPath(segments[..^1], segments[^1]);
    }

    /// <summary>The object that holds (or would hold) the leaf; null when a parent is missing or not an object.</summary>
    public JsonObject? FindParent(JsonNode? data)
    {
        var current = data as JsonObject;
        foreach (var segment in _parents)
        {
            current = current?[segment] as JsonObject;
        }

        return current;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Streams.Normaliser.Normalisation;

/// <summary>One validated rule of <see cref="NormaliserRuleOptions"/>, ready to apply.</summary>
public sealed class NormalisationRule
{
    private readonly NormaliserRuleOptions _options;
    private readonly (DataPath From, string To)[] _renameData;
    private readonly DataPath[] _dropData;
    private readonly (DataPath Path, string Value)[] _dataDefaults;

    /// <summary>Compiles a rule; the options must have passed <see cref="NormaliserOptionsValidator"/>.</summary>
    public NormalisationRule(NormaliserRuleOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Name = name;
        _renameData = [.. options.RenameData.Select(r => (Path(r.Key), r.Value))];
        _dropData = [.. options.DropData.Select(Path)];
        _dataDefaults = [.. options.SetDataDefaults.Select(d => (Path(d.Key), d.Value))];
    }

    /// <summary>The rule's name, the <c>rule</c> label of filtered events.</summary>
    public string Name { get; }

    /// <summary>True when the rule drops what it matches.</summary>
    public bool Drops => _options.Drop;

    /// <summary>True when the event's current <c>source</c> and <c>type</c> match the rule.</summary>
    public bool Matches(EnvelopeAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return (_options.Source.Length == 0 || attributes.Text("source")?.StartsWith(_options.Source, StringComparison.Ordinal) == true)
            && (_options.Type.Length == 0 || attributes.Text("type") == _options.Type);
    }

    /// <summary>Applies the rule's changes: attribute renames, drops and defaults, then the payload's, then the type mapping.</summary>
    public void Apply(EnvelopeAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var (from, to) in _options.RenameAttributes)
        {
            attributes.Rename(from, to);
        }

        foreach (var name in _options.DropAttributes)
        {
            attributes.Remove(name);
        }

        foreach (var (name, value) in _options.SetDefaults)
        {
            attributes.SetDefault(name, value);
        }

        if (_renameData.Length + _dropData.Length + _dataDefaults.Length > 0)
        {
            // Only a rule that changes the payload parses it.
            ApplyToData(attributes.Data.Node);
        }

        if (_options.MapTypeTo.Length > 0)
        {
            attributes.Set("type", _options.MapTypeTo);
        }
    }

    private void ApplyToData(JsonNode? data)
    {
        foreach (var (from, to) in _renameData)
        {
            if (from.FindParent(data) is { } parent)
            {
                Rename(parent, from.Leaf, to);
            }
        }

        foreach (var path in _dropData)
        {
            path.FindParent(data)?.Remove(path.Leaf);
        }

        foreach (var (path, value) in _dataDefaults)
        {
            path.FindParent(data)?.TryAdd(path.Leaf, Literal(value));
        }
    }

    private static void Rename(JsonObject target, string from, string to)
    {
        // An existing member under the new name wins: a sender already on the new name is not overwritten.
        if (target.TryGetPropertyValue(from, out var value) && target.Remove(from) && !target.ContainsKey(to))
        {
            target[to] = value;
        }
    }

    private static JsonNode? Literal(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }

    private static DataPath Path(string path) =>
        DataPath.TryParse(path) ?? throw new ArgumentException($"'{path}' is not a dotted path.", nameof(path));
}

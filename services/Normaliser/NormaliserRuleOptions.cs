namespace Streams.Normaliser;

/// <summary>
/// One declarative rule, <c>Streams:Normaliser:Rules:N</c>: it applies to events whose <c>source</c> starts with
/// <see cref="Source"/> and whose <c>type</c> equals <see cref="Type"/> (either may be left empty to match any).
/// </summary>
public sealed class NormaliserRuleOptions
{
    /// <summary>A name for logs and the <c>rule</c> label of the filtered-events metric; defaults to <c>rule-N</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Prefix the event's <c>source</c> must start with; empty matches any source.</summary>
    public string Source { get; set; } = "";

    /// <summary>The event <c>type</c> matched exactly; empty matches any type.</summary>
    public string Type { get; set; } = "";

    /// <summary>Drop matching events on purpose: they are counted as filtered, not lost. No other action may be set.</summary>
    public bool Drop { get; set; }

    /// <summary>Replaces the <c>type</c> (a legacy name mapped to the current one).</summary>
    public string MapTypeTo { get; set; } = "";

    /// <summary>Attribute renames, old name to new name.</summary>
    public Dictionary<string, string> RenameAttributes { get; set; } = [];

    /// <summary>Attributes removed.</summary>
    public List<string> DropAttributes { get; set; } = [];

    /// <summary>Attribute values set when the attribute is absent (strings).</summary>
    public Dictionary<string, string> SetDefaults { get; set; } = [];

    /// <summary>Payload field renames, dotted path (<c>customer.id</c>) to the new name within the same object.</summary>
    public Dictionary<string, string> RenameData { get; set; } = [];

    /// <summary>Payload fields removed, by dotted path.</summary>
    public List<string> DropData { get; set; } = [];

    /// <summary>
    /// Payload field values set when absent, by dotted path; a value that parses as a JSON literal
    /// (<c>42</c>, <c>true</c>, <c>"text"</c>, <c>{}</c>) is used as that, anything else as a string.
    /// </summary>
    public Dictionary<string, string> SetDataDefaults { get; set; } = [];
}

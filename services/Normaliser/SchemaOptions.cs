namespace Streams.Normaliser;

/// <summary>The <c>Streams:Normaliser:Schemas</c> section: JSON Schemas for event payloads.</summary>
public sealed class SchemaOptions
{
    /// <summary>
    /// Folder holding one JSON Schema per event type, named <c>&lt;type&gt;.json</c>; relative paths are
    /// resolved against the working directory. Empty: no payload validation.
    /// </summary>
    public string Folder { get; set; } = "";

    /// <summary>When true, an event whose type has no schema is dead-lettered instead of passed.</summary>
    public bool RejectUnknownTypes { get; set; }
}

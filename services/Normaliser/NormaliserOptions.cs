namespace Streams.Normaliser;

/// <summary>The <c>Streams:Normaliser</c> section.</summary>
public sealed class NormaliserOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Normaliser";

    /// <summary>The consumer group reading <c>streams.ingested</c>.</summary>
    public string GroupId { get; set; } = "streams-normaliser";

    /// <summary>Most records normalised and committed together.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// Longest a partial batch waits for more records. None by default: records read while a partition's batch runs
    /// gather into its next one anyway, so waiting would only delay a lone event.
    /// </summary>
    public int LingerMs { get; set; }

    /// <summary>Largest record value accepted; larger ones are dead-lettered as <c>too_large</c>.</summary>
    public int MaxEventBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Longest extension attribute name accepted. CloudEvents says names SHOULD NOT exceed 20 characters;
    /// we make that a rule (rename longer legacy names with a rule) but let operators raise it.
    /// </summary>
    public int MaxExtensionNameLength { get; set; } = 20;

    /// <summary>Declarative rules, applied in order: <c>Streams:Normaliser:Rules:N</c>.</summary>
    public List<NormaliserRuleOptions> Rules { get; set; } = [];

    /// <summary>Payload schemas per event type.</summary>
    public SchemaOptions Schemas { get; set; } = new();

    /// <summary>Duplicate suppression by (<c>source</c>, <c>id</c>).</summary>
    public DeduplicationOptions Dedup { get; set; } = new();

    /// <summary>Most distinct <c>type</c> label values on the per-type metric; further types are counted as <c>other</c>.</summary>
    public int MaxTypeLabels { get; set; } = 500;
}

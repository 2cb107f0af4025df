namespace Streams.Chaos;

/// <summary>The roles a chaos pipeline runs, each in a process of its own (<c>streams-host --roles NAME</c>).</summary>
internal static class PipelineRoles
{
    public const string SchemaRegistry = "schema-registry";
    public const string Ingest = "ingest";
    public const string Normaliser = "normaliser";
    public const string Egress = "egress";
    public const string Retrier = "retrier";

    /// <summary>Every role on the delivery path; the registry first, as the others register their schema at start.</summary>
    public static IReadOnlyList<string> All { get; } = [SchemaRegistry, Ingest, Normaliser, Egress, Retrier];
}

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

    /// <summary>Longest a partial batch waits for more records.</summary>
    public int LingerMs { get; set; } = 5;
}

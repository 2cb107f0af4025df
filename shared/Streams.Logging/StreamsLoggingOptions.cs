namespace Streams.Logging;

/// <summary>How a process logs: the <c>Streams:Logging</c> configuration section.</summary>
/// <remarks>Levels are filtered by the standard <c>Logging:LogLevel</c> section, as before.</remarks>
public sealed class StreamsLoggingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Logging";

    /// <summary>
    /// <c>json</c> (default): one JSON object per line on stdout (Serilog's compact format with the rendered message,
    /// <c>@t @m @l @x @tr @sp</c> and every template property); <c>text</c>: one human-readable line per event.
    /// </summary>
    public string Format { get; set; } = "json";
}

namespace Streams.Envelope;

/// <summary>
/// A CloudEvents 1.0 event as it travels between hops: the <c>io.streams.Envelope</c> Avro record
/// (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md).
/// </summary>
public sealed record CloudEventEnvelope
{
    /// <summary>The event's <c>id</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The event's <c>source</c> (a URI-reference, kept as text).</summary>
    public required string Source { get; init; }

    /// <summary>The event's <c>type</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The event's <c>specversion</c>; always "1.0" for events ingest accepts.</summary>
    public string SpecVersion { get; init; } = "1.0";

    /// <summary>The event's <c>time</c>, to the millisecond, or <see langword="null"/> when the event had none.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The event's <c>subject</c>.</summary>
    public string? Subject { get; init; }

    /// <summary>The event's <c>datacontenttype</c>.</summary>
    public string? DataContentType { get; init; }

    /// <summary>The event's <c>dataschema</c>.</summary>
    public string? DataSchema { get; init; }

    /// <summary>
    /// Extension attributes by name. Values are <see cref="string"/>, <see cref="bool"/> or <see cref="long"/>,
    /// the JSON types the CloudEvents JSON format gives extension values; integers within 32 bits, as CloudEvents'
    /// Integer is (the Avro schema's <c>long</c> carries them in the same bytes an <c>int</c> would).
    /// </summary>
    public IReadOnlyDictionary<string, object> Extensions { get; init; } = EmptyExtensions;

    /// <summary>The event's data, or <see langword="null"/> when it has none; see <see cref="DataEncoding"/>.</summary>
    public byte[]? Data { get; init; }

    /// <summary>Whether <see cref="Data"/> holds a JSON value's text or opaque bytes.</summary>
    public EnvelopeDataEncoding DataEncoding { get; init; } = EnvelopeDataEncoding.Json;

    private static IReadOnlyDictionary<string, object> EmptyExtensions { get; } = new Dictionary<string, object>(StringComparer.Ordinal);
}

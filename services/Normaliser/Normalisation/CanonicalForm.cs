using Streams.Envelope;

namespace Streams.Normaliser.Normalisation;

/// <summary>
/// The canonical form of an event's values, defined here (documented in docs/normaliser.md); the attribute order and
/// the time's spelling are <see cref="CloudEventJson.Write"/>'s, the one writer of an envelope's JSON:
/// <list type="number">
/// <item><c>specversion</c> is "1.0"; <c>id</c>, <c>source</c>, <c>type</c> are non-empty strings.</item>
/// <item><c>time</c> is truncated to the millisecond, in UTC; an event without one gets ingest's <c>st-event-time</c>.</item>
/// <item><c>streamsingesttime</c> carries ingest's <c>st-ingest-time</c> in the canonical RFC 3339 text.</item>
/// <item><c>datacontenttype</c> is <c>application/json</c> when <c>data</c> is present and no type was given.</item>
/// <item>Extension names are a-z0-9 and at most the configured length; extension values are strings, 32-bit
/// integers or booleans.</item>
/// <item><c>data</c> is compact JSON (<see cref="DataJson.ToCanonicalBytes"/>).</item>
/// </list>
/// Every step is idempotent, so normalising a canonical event changes nothing.
/// </summary>
public static class CanonicalForm
{
    /// <summary>The extension attribute carrying ingest's receipt time.</summary>
    public const string IngestTimeAttribute = "streamsingesttime";

    /// <summary>The content type assumed for JSON <c>data</c> without one.</summary>
    public const string JsonContentType = "application/json";

    private static readonly HashSet<string> ContextAttributes = new(StringComparer.Ordinal)
    {
        "specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time",
    };

    /// <summary>
    /// The canonical envelope of <paramref name="attributes"/>; null with <paramref name="problem"/> set when it cannot be
    /// put in canonical form.
    /// </summary>
    /// <param name="attributes">The event, after the rules.</param>
    /// <param name="times">The record's header times.</param>
    /// <param name="maxExtensionNameLength">Longest extension name accepted.</param>
    /// <param name="problem">Why the event is not canonical.</param>
    public static CloudEventEnvelope? Apply(EnvelopeAttributes attributes, RecordTimes times, int maxExtensionNameLength, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        DateTimeOffset? time = null;
        var extensions = new Dictionary<string, object>(StringComparer.Ordinal);
        problem = CheckRequired(attributes)
            ?? CheckOptionalStrings(attributes)
            ?? Time(attributes, times.EventTimeMs, out time)
            ?? IngestTime(attributes, times.IngestTimeMs)
            ?? Extensions(attributes, maxExtensionNameLength, extensions);
        if (problem is not null)
        {
            return null;
        }

        var data = attributes.Data;
        return new CloudEventEnvelope
        {
            Id = attributes.Text("id")!,
            Source = attributes.Text("source")!,
            Type = attributes.Text("type")!,
            Time = time,
            Subject = attributes.Text("subject"),
            DataContentType = attributes.Text("datacontenttype") ?? (data.IsJson ? JsonContentType : null),
            DataSchema = attributes.Text("dataschema"),
            Extensions = extensions,
            Data = data.ToCanonicalBytes(),
            DataEncoding = data.Encoding,
        };
    }

    private static string? CheckRequired(EnvelopeAttributes attributes)
    {
        if (attributes.Text("specversion") != "1.0")
        {
            return "specversion must be \"1.0\"";
        }

        return AttributeNames.Required
            .Where(name => attributes.Text(name) is not { Length: > 0 })
            .Select(name => $"{name} must be a non-empty string")
            .FirstOrDefault();
    }

    private static string? CheckOptionalStrings(EnvelopeAttributes attributes)
    {
        foreach (var name in (ReadOnlySpan<string>)["datacontenttype", "dataschema", "subject"])
        {
            if (attributes.Contains(name) && attributes.Text(name) is null)
            {
                return $"{name} must be a string";
            }
        }

        return null;
    }

    private static string? Time(EnvelopeAttributes attributes, long? headerMs, out DateTimeOffset? time)
    {
        time = null;
        if (!attributes.Values.TryGetValue("time", out var value))
        {
            time = headerMs is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
            return null;
        }

        if (ParseTime(value) is not { } parsed)
        {
            return "time must be an RFC 3339 timestamp";
        }

        time = Rfc3339.TruncateToMilliseconds(parsed);
        return null;
    }

    private static string? IngestTime(EnvelopeAttributes attributes, long? headerMs)
    {
        if (headerMs is { } milliseconds)
        {
            // The header is ingest's own stamp: it wins over a sender-supplied streamsingesttime.
            attributes.Set(IngestTimeAttribute, Rfc3339.Format(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)));
            return null;
        }

        if (!attributes.Values.TryGetValue(IngestTimeAttribute, out var value))
        {
            return null;
        }

        if (ParseTime(value) is not { } parsed)
        {
            return $"{IngestTimeAttribute} must be an RFC 3339 timestamp";
        }

        attributes.Set(IngestTimeAttribute, Rfc3339.Format(parsed));
        return null;
    }

    /// <summary>A time from the envelope's <c>time</c>, or from text a sender or a rename put there.</summary>
    private static DateTimeOffset? ParseTime(object value) => value switch
    {
        DateTimeOffset time => time,
        string text when Rfc3339.TryParse(text, out var time) => time,
        _ => null,
    };

    private static string? Extensions(EnvelopeAttributes attributes, int maxNameLength, Dictionary<string, object> extensions)
    {
        foreach (var (name, value) in attributes.Values)
        {
            if (ContextAttributes.Contains(name))
            {
                continue;
            }

            if (!CloudEventReader.IsAttributeName(name, maxNameLength))
            {
                return $"extension attribute name '{name}' must be 1-{maxNameLength} characters a-z0-9";
            }

            if (ExtensionValue(value) is not { } canonical)
            {
                return $"extension attribute '{name}' must be a string, number or boolean";
            }

            extensions[name] = canonical;
        }

        return null;
    }

    private static object? ExtensionValue(object value) => value switch
    {
        string or bool => value,
        long number when number is >= int.MinValue and <= int.MaxValue => value,
        // A time renamed into an extension travels as its canonical text, as it did in the JSON.
        DateTimeOffset time => Rfc3339.Format(time),
        _ => null,
    };
}

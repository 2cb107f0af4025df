using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Streams.Normaliser.Normalisation;

/// <summary>
/// The canonical form of an event, defined here and only here (documented in docs/normaliser.md):
/// <list type="number">
/// <item><c>specversion</c> is "1.0"; <c>id</c>, <c>source</c>, <c>type</c> are non-empty strings.</item>
/// <item><c>time</c> is RFC 3339 in UTC with exactly three fraction digits and <c>Z</c>, truncated to the millisecond;
/// an event without one gets ingest's <c>st-event-time</c>.</item>
/// <item><c>streamsingesttime</c> carries ingest's <c>st-ingest-time</c> in the same format.</item>
/// <item><c>datacontenttype</c> is <c>application/json</c> when <c>data</c> is present and no type was given.</item>
/// <item>Extension names are a-z0-9 and at most the configured length; null attributes are absent; extension values
/// are strings, numbers or booleans.</item>
/// <item>Attributes in a fixed order: specversion, id, source, type, datacontenttype, dataschema, subject, time, then
/// extensions by ordinal name, then data or data_base64. Encoding (compact) is <see cref="EventCodec"/>'s.</item>
/// </list>
/// Every step is idempotent, so normalising a canonical event changes nothing.
/// </summary>
public static partial class CanonicalForm
{
    /// <summary>The extension attribute carrying ingest's receipt time.</summary>
    public const string IngestTimeAttribute = "streamsingesttime";

    /// <summary>The content type assumed for JSON <c>data</c> without one.</summary>
    public const string JsonContentType = "application/json";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly string[] ContextAttributes = ["specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time"];
    private static readonly HashSet<string> OptionalStrings = new(StringComparer.Ordinal) { "datacontenttype", "dataschema", "subject" };
    private static readonly HashSet<string> NotExtensions = new([.. ContextAttributes, "data", "data_base64"], StringComparer.Ordinal);

    /// <summary>
    /// Brings <paramref name="cloudEvent"/> into canonical form in place; returns why it cannot be, or null.
    /// </summary>
    /// <param name="cloudEvent">The event; on failure it may be partly changed.</param>
    /// <param name="times">The record's header times.</param>
    /// <param name="maxExtensionNameLength">Longest extension name accepted.</param>
    public static string? Apply(JsonObject cloudEvent, RecordTimes times, int maxExtensionNameLength)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        RemoveNulls(cloudEvent);
        var problem = CheckRequired(cloudEvent)
            ?? CheckOptionalStrings(cloudEvent)
            ?? CanonicaliseTime(cloudEvent, "time", times.EventTimeMs)
            ?? CanonicaliseTime(cloudEvent, IngestTimeAttribute, times.IngestTimeMs)
            ?? CheckData(cloudEvent)
            ?? CheckExtensions(cloudEvent, maxExtensionNameLength);
        if (problem is not null)
        {
            return problem;
        }

        if (cloudEvent.ContainsKey("data") && !cloudEvent.ContainsKey("datacontenttype"))
        {
            cloudEvent["datacontenttype"] = JsonContentType;
        }

        Reorder(cloudEvent);
        return null;
    }

    /// <summary>The canonical text of an instant: UTC, truncated to the millisecond, e.g. <c>2026-11-23T10:00:00.120Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc).ToString(TimeFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses an RFC 3339 timestamp (as ingest does: no offset means UTC; digits past the 7th are ignored).</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(text);
        // .NET reads at most 7 fraction digits (100 ns); RFC 3339 allows more, which only the truncation would drop anyway.
        var trimmed = ExtraFractionDigits().Replace(text, "$1");
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static void RemoveNulls(JsonObject cloudEvent)
    {
        // JSON null for an attribute means "absent" (CloudEvents JSON format §3.1); dropping it keeps one spelling.
        foreach (var name in cloudEvent.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            cloudEvent.Remove(name);
        }
    }

    private static string? CheckRequired(JsonObject cloudEvent)
    {
        if (StringOf(cloudEvent, "specversion") != "1.0")
        {
            return "specversion must be \"1.0\"";
        }

        return AttributeNames.Required
            .Where(name => StringOf(cloudEvent, name) is not { Length: > 0 })
            .Select(name => $"{name} must be a non-empty string")
            .FirstOrDefault();
    }

    private static string? CheckOptionalStrings(JsonObject cloudEvent) =>
        OptionalStrings
            .Where(name => cloudEvent.ContainsKey(name) && StringOf(cloudEvent, name) is null)
            .Select(name => $"{name} must be a string")
            .FirstOrDefault();

    private static string? CanonicaliseTime(JsonObject cloudEvent, string attribute, long? headerMs)
    {
        if (headerMs is { } milliseconds && (attribute == IngestTimeAttribute || !cloudEvent.ContainsKey(attribute)))
        {
            // The header is ingest's own stamp: it wins over a sender-supplied streamsingesttime.
            cloudEvent[attribute] = FormatTime(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
            return null;
        }

        if (!cloudEvent.ContainsKey(attribute))
        {
            return null;
        }

        if (StringOf(cloudEvent, attribute) is not { } text || !TryParseTime(text, out var time))
        {
            return $"{attribute} must be an RFC 3339 timestamp";
        }

        cloudEvent[attribute] = FormatTime(time);
        return null;
    }

    private static string? CheckData(JsonObject cloudEvent)
    {
        if (!cloudEvent.TryGetPropertyValue("data_base64", out var base64))
        {
            return null;
        }

        if (cloudEvent.ContainsKey("data"))
        {
            return "data and data_base64 are mutually exclusive";
        }

        return base64 is JsonValue value && value.TryGetValue<string>(out var text) && IsBase64(text)
            ? null
            : "data_base64 must be a base64 string";
    }

    private static string? CheckExtensions(JsonObject cloudEvent, int maxNameLength)
    {
        foreach (var (name, value) in cloudEvent)
        {
            if (NotExtensions.Contains(name))
            {
                continue;
            }

            if (!AttributeNames.IsValid(name, maxNameLength))
            {
                return $"extension attribute name '{name}' must be 1-{maxNameLength} characters a-z0-9";
            }

            if (value is not JsonValue { } scalar || scalar.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                return $"extension attribute '{name}' must be a string, number or boolean";
            }
        }

        return null;
    }

    private static void Reorder(JsonObject cloudEvent)
    {
        var extensions = cloudEvent.Select(p => p.Key).Where(name => !NotExtensions.Contains(name)).Order(StringComparer.Ordinal);
        var order = ContextAttributes.Concat(extensions).Concat(["data", "data_base64"]).Where(cloudEvent.ContainsKey).ToList();
        if (order.SequenceEqual(cloudEvent.Select(p => p.Key), StringComparer.Ordinal))
        {
            return;
        }

        var values = order.Select(name => (name, cloudEvent[name])).ToList();
        cloudEvent.Clear();
        foreach (var (name, value) in values)
        {
            cloudEvent.Add(name, value);
        }
    }

    private static string? StringOf(JsonObject cloudEvent, string name) =>
        cloudEvent.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool IsBase64(string text)
    {
        var buffer = text.Length <= 1024 ? stackalloc byte[text.Length] : new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex ExtraFractionDigits();
}

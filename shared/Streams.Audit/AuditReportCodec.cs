using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Streams.Audit;

/// <summary>
/// The audit topic's record format: UTF-8 JSON, one report per record, version 1.
/// </summary>
/// <remarks>
/// <code>
/// {"v":1,"reporter":"host-4711-1f2e","flushedAt":1795412400000,
///  "entries":[{"hop":"normaliser","stage":"out","minute":1795412340000,"count":1200,"digest":"9f2c0a1b2c3d4e5f"}]}
/// </code>
/// <c>minute</c> and <c>flushedAt</c> are ms since the Unix epoch; <c>digest</c> is the 64-bit sum as 16 hex digits,
/// because JSON numbers lose precision above 2^53. JSON rather than a binary format: one record every few seconds per
/// process costs nothing, and an operator can read the topic with <c>kcat</c>.
/// </remarks>
public static class AuditReportCodec
{
    /// <summary>The format version written into, and required of, every report.</summary>
    public const int Version = 1;

    /// <summary>Encodes a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The record value.</returns>
    public static byte[] Encode(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new ArrayBufferWriter<byte>(128 + (report.Entries.Count * 96));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            json.WriteString("reporter", report.Reporter);
            json.WriteNumber("flushedAt", report.FlushedAtMs);
            json.WriteStartArray("entries");
            foreach (var entry in report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("hop", entry.Hop);
                json.WriteString("stage", AuditStages.Name(entry.Stage));
                json.WriteNumber("minute", entry.MinuteMs);
                json.WriteNumber("count", entry.Count);
                json.WriteString("digest", entry.Digest.ToString("x16", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a report.</summary>
    /// <param name="value">The record value.</param>
    /// <returns>The report.</returns>
    /// <exception cref="FormatException">The value is not a version-1 audit report; the message says what is wrong.</exception>
    public static AuditReport Decode(ReadOnlySpan<byte> value)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(value);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The audit report is not JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The audit report is not a JSON object.");
            }

            if (Number(root, "v") != Version)
            {
                throw new FormatException($"The audit report's version is not {Version}.");
            }

            if (!root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The audit report has no 'entries' array.");
            }

            return new AuditReport(Text(root, "reporter"), Number(root, "flushedAt"), [.. entries.EnumerateArray().Select(Entry)]);
        }
    }

    private static AuditEntry Entry(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("An audit entry is not a JSON object.");
        }

        var stage = Text(entry, "stage");
        if (!AuditStages.TryParse(stage, out var parsed))
        {
            throw new FormatException($"Unknown audit stage '{stage}'.");
        }

        var digest = Text(entry, "digest");
        if (digest.Length != 16 || !ulong.TryParse(digest, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var sum))
        {
            throw new FormatException($"The digest '{digest}' is not 16 hex digits.");
        }

        var minute = Number(entry, "minute");
        if (AuditEntry.MinuteOf(minute) != minute)
        {
            throw new FormatException($"The minute {minute} is not a whole minute in ms.");
        }

        var count = Number(entry, "count");
        if (count < 0)
        {
            throw new FormatException($"The count {count} is negative.");
        }

        var hop = Text(entry, "hop");
        if (hop.Length == 0)
        {
            throw new FormatException("An audit entry has an empty hop.");
        }

        return new AuditEntry(hop, parsed, minute, count, sum);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"'{name}' is missing or not a string.");

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new FormatException($"'{name}' is missing or not a whole number.");
}

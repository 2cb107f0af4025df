using System.Runtime.InteropServices;
using System.Text.Json;

namespace Streams.Ingest.CloudEvents;

/// <summary>
/// Checks one structured-mode event against CloudEvents 1.0 and its JSON format
/// (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md,
/// https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md).
/// </summary>
public sealed class CloudEventValidator(int maxEventBytes)
{
    /// <summary>The most an extension integer may be: CloudEvents integers are 32-bit.</summary>
    private const long MaxInteger = int.MaxValue;

    private static readonly HashSet<string> StringAttributes = ["id", "source", "type", "specversion", "subject", "datacontenttype", "dataschema", "time", "partitionkey"];

    /// <summary>The event, ready to write; null when <paramref name="problems"/> gained entries.</summary>
    public ValidEvent? Validate(int index, JsonElement element, long receivedAtMs, List<EventProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new EventProblem(index, null, "An event must be a JSON object."));
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.Length > maxEventBytes)
        {
            throw new BatchTooLargeException($"Event {index} is {raw.Length} bytes; at most {maxEventBytes} are accepted per event.");
        }

        var before = problems.Count;
        var check = new EventChecks(index, element, problems);
        // "\uD800" is valid JSON but not Unicode; no later hop could decode it. Only escaped text can hide one.
        if (raw.IndexOf("\\u"u8) >= 0 && UnpairedSurrogate.FindIn(element) is { } where)
        {
            check.That(false, where, "contains an unpaired UTF-16 surrogate escape, which is not Unicode text.");
            return null;
        }

        var specVersion = check.RequiredString("specversion");
        check.That(specVersion is null or "1.0", "specversion", $"Only CloudEvents 1.0 is accepted, was '{specVersion}'.");
        var id = check.RequiredString("id");
        var source = check.RequiredString("source");
        check.RequiredString("type");
        check.That(source is null || Uri.TryCreate(source, UriKind.RelativeOrAbsolute, out _), "source", "must be a URI-reference.");
        var dataSchema = check.OptionalString("dataschema");
        check.That(dataSchema is null || Uri.TryCreate(dataSchema, UriKind.Absolute, out _), "dataschema", "must be an absolute URI.");
        var contentType = check.OptionalString("datacontenttype");
        check.That(
            contentType is null || Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out _),
            "datacontenttype",
            $"'{contentType}' is not an RFC 2046 media type.");
        check.OptionalString("subject");
        var partitionKey = check.OptionalString("partitionkey");
        var eventTime = ReadTime(check, receivedAtMs, out var stamped);
        CheckData(check, element);
        CheckAttributeNames(check, element);
        if (problems.Count > before)
        {
            return null;
        }

        return new ValidEvent(new IncomingEvent(partitionKey ?? source!, eventTime, raw.ToArray()), source!, id!, stamped);
    }

    private static long ReadTime(EventChecks check, long receivedAtMs, out bool stamped)
    {
        var text = check.OptionalString("time");
        stamped = text is null;
        if (text is null)
        {
            return receivedAtMs;
        }

        if (!Rfc3339.TryParse(text, out var time))
        {
            check.That(false, "time", $"'{text}' is not an RFC 3339 timestamp such as 2026-11-23T10:00:00.000Z.");
            return receivedAtMs;
        }

        return time.ToUnixTimeMilliseconds();
    }

    private static void CheckData(EventChecks check, JsonElement element)
    {
        var hasData = element.TryGetProperty("data", out _);
        var hasBase64 = element.TryGetProperty("data_base64", out var base64);
        check.That(!(hasData && hasBase64), "data_base64", "An event carries either 'data' or 'data_base64', not both.");
        if (hasBase64)
        {
            var text = base64.ValueKind == JsonValueKind.String ? base64.GetString() : null;
            check.That(text is not null && IsBase64(text), "data_base64", "must be a base64 string.");
        }
    }

    private static void CheckAttributeNames(EventChecks check, JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is "data" or "data_base64" || StringAttributes.Contains(name))
            {
                continue;
            }

            // Extension attributes: lower-case ASCII letters and digits, with scalar values only.
            if (!IsAttributeName(name))
            {
                check.That(false, name, "Attribute names must consist of lower-case letters a-z and digits 0-9.");
                continue;
            }

            var value = property.Value;
            var scalar = value.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False
                || (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && Math.Abs(number) <= MaxInteger);
            check.That(scalar, name, "Extension attributes must be a string, a boolean or a 32-bit integer.");
        }
    }

    private static bool IsAttributeName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}

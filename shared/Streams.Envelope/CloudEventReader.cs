using System.Text.Json;

namespace Streams.Envelope;

/// <summary>
/// The one reader of structured-mode CloudEvents JSON: checks an event against CloudEvents 1.0 and its JSON format
/// and builds its <see cref="CloudEventEnvelope"/> in the same pass over the <see cref="Utf8JsonReader"/>
/// (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md,
/// https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md). Ingest reads batches with it and
/// <see cref="CloudEventJson.FromJson"/> reads single events with it, so both accept exactly the same events.
/// </summary>
public static class CloudEventReader
{
    /// <summary>Longest extension name accepted; the spec asks for at most 20 but lets longer ones through.</summary>
    public const int MaxExtensionNameLength = 64;

    private const string Surrogate = "contains an unpaired UTF-16 surrogate escape, which is not Unicode text.";

    /// <summary>
    /// Reads the event whose first token <paramref name="reader"/> is on, leaving the reader on its last token.
    /// </summary>
    /// <param name="json">The text <paramref name="reader"/> reads, whole: <c>data</c> is kept as its exact UTF-8 text.</param>
    /// <param name="reader">The reader, on the event's first token.</param>
    /// <param name="index">The event's position in its batch, for <paramref name="problems"/>.</param>
    /// <param name="problems">Where each thing wrong with the event is added, naming the attribute.</param>
    /// <returns>The envelope, or <see langword="null"/> when <paramref name="problems"/> gained entries.</returns>
    /// <exception cref="JsonException">The text is not JSON (or deeper than the reader allows).</exception>
    public static CloudEventEnvelope? Read(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, int index, ICollection<EventProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            problems.Add(new EventProblem(index, null, "An event must be a JSON object."));
            reader.Skip();
            return null;
        }

        var before = problems.Count;
        var attributes = new CloudEventFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryGetString(ref reader, out var name))
            {
                problems.Add(new EventProblem(index, "(attribute name)", Surrogate));
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Null && name != "data")
            {
                // The JSON event format reads a null attribute as an absent one; data null is the JSON value null.
                continue;
            }

            var problem = ReadAttribute(json, ref reader, name, attributes);
            if (problem is not null)
            {
                problems.Add(new EventProblem(index, name, problem));
            }
        }

        foreach (var (field, detail) in attributes.Check())
        {
            problems.Add(new EventProblem(index, field, detail));
        }

        return problems.Count > before ? null : attributes.ToEnvelope();
    }

    /// <summary>Reads one attribute's value into <paramref name="attributes"/>; returns what is wrong with it, or null.</summary>
    private static string? ReadAttribute(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, string name, CloudEventFields attributes)
    {
        switch (name)
        {
            case "data":
                attributes.DataSeen();
                var start = (int)reader.TokenStartIndex;
                var clean = IsCleanValue(ref reader);
                attributes.Data = json[start..(int)reader.BytesConsumed].ToArray();
                attributes.DataEncoding = EnvelopeDataEncoding.Json;
                return clean ? null : Surrogate;
            case "data_base64":
                attributes.DataSeen();
                attributes.DataEncoding = EnvelopeDataEncoding.Binary;
                if (reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out var bytes))
                {
                    attributes.Data = bytes;
                    return null;
                }

                reader.Skip();
                return "must be a base64 string.";
            case "specversion" or "id" or "source" or "type" or "subject" or "datacontenttype" or "dataschema" or "time" or "partitionkey":
                attributes.Seen(name);
                return ReadString(ref reader, name, out var text) ?? attributes.Set(name, text!);
            default:
                return ReadExtension(ref reader, name, attributes);
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name, out string? text)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            var kind = Describe(reader.TokenType);
            reader.Skip();
            return $"The attribute '{name}' must be a non-empty string, was {kind}.";
        }

        if (!TryGetString(ref reader, out var value))
        {
            return Surrogate;
        }

        text = value;
        return value.Length == 0 ? $"The attribute '{name}' must be a non-empty string, was an empty string." : null;
    }

    private static string? ReadExtension(ref Utf8JsonReader reader, string name, CloudEventFields attributes)
    {
        // Extension attributes: lower-case ASCII letters and digits, with scalar values only.
        if (!IsAttributeName(name, MaxExtensionNameLength))
        {
            reader.Skip();
            return "Attribute names must consist of lower-case letters a-z and digits 0-9.";
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (!TryGetString(ref reader, out var text))
                {
                    return Surrogate;
                }

                attributes.Extensions[name] = text;
                return null;
            case JsonTokenType.True or JsonTokenType.False:
                attributes.Extensions[name] = reader.GetBoolean();
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                // CloudEvents integers are 32-bit; the envelope's Avro long carries them with the same bytes.
                attributes.Extensions[name] = (long)number;
                return null;
            default:
                reader.Skip();
                return "Extension attributes must be a string, a boolean or a 32-bit integer.";
        }
    }

    /// <summary>Skips a value, true when none of its strings or member names hides an unpaired surrogate escape.</summary>
    private static bool IsCleanValue(ref Utf8JsonReader reader)
    {
        // "\uD800" is valid JSON but not Unicode; no later hop could decode it. Only escaped text can hide one.
        var clean = IsCleanToken(ref reader);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = reader.CurrentDepth;
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                clean &= IsCleanToken(ref reader);
            }
        }

        return clean;
    }

    private static bool IsCleanToken(ref Utf8JsonReader reader) =>
        reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped || TryGetString(ref reader, out _);

    private static bool TryGetString(ref Utf8JsonReader reader, out string text)
    {
        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // The reader refuses to transcode an unpaired surrogate escape.
            text = "";
            return false;
        }
    }

    /// <summary>
    /// True when <paramref name="name"/> follows CloudEvents attribute naming (spec v1.0.2 "Attribute Naming Convention"):
    /// lower-case ASCII letters and digits, here also 1 to <paramref name="maxLength"/> of them.
    /// </summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="maxLength">The longest name accepted.</param>
    /// <returns>False for any other name.</returns>
    public static bool IsAttributeName(string name, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 0 && name.Length <= maxLength && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        _ => "an object",
    };
}

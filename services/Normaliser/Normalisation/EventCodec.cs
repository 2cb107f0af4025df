using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Streams.Normaliser.Normalisation;

/// <summary>
/// The one place where record bytes become an event model and back. Today a record value is a structured-mode
/// CloudEvent in JSON; when the wire format becomes the Avro envelope (issue 7) only this class changes.
/// </summary>
public static class EventCodec
{
    private const int MaxDepth = 64;

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        MaxDepth = MaxDepth,
        // Two "id" members would make "which one was deduplicated" a guess; such a record is undecodable.
        AllowDuplicateProperties = false,
    };

    // Compact, UTF-8 as is: the output goes into JSON webhook bodies, never into HTML, so only what JSON
    // itself requires is escaped; fixed options make the bytes a function of the model alone.
    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Parses a record value; null with <paramref name="problem"/> set when it is not a JSON object.</summary>
    public static JsonObject? TryDecode(ReadOnlyMemory<byte> value, out string? problem)
    {
        try
        {
            if (JsonNode.Parse(value.Span, documentOptions: ReadOptions) is JsonObject cloudEvent)
            {
                problem = null;
                return cloudEvent;
            }

            problem = "not a JSON object";
            return null;
        }
        catch (JsonException exception)
        {
            problem = "not valid JSON: " + exception.Message;
            return null;
        }
    }

    /// <summary>The record value of an event: compact JSON, attributes in the order the model holds them.</summary>
    public static byte[] Encode(JsonObject cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            cloudEvent.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads only <c>source</c> and <c>id</c> of an encoded event, for rebuilding the duplicate window from
    /// <c>streams.normalised</c> without materialising every event.
    /// </summary>
    public static bool TryReadIdentity(ReadOnlySpan<byte> value, out string source, out string id)
    {
        (source, id) = ("", "");
        string? foundSource = null;
        string? foundId = null;
        try
        {
            var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && (foundSource is null || foundId is null))
            {
                var isSource = reader.ValueTextEquals("source"u8);
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && isSource)
                {
                    foundSource = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.String && isId)
                {
                    foundId = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (foundSource is null || foundId is null)
        {
            return false;
        }

        (source, id) = (foundSource, foundId);
        return true;
    }
}

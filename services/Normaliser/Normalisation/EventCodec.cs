using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Streams.Envelope;

namespace Streams.Normaliser.Normalisation;

/// <summary>
/// The one place where record bytes become an event model and back: a record value is the Avro envelope in the
/// Confluent wire format (<see cref="EnvelopeSerializer"/>); the model the rules and the canonical form work on is the
/// event's structured-mode CloudEvents JSON.
/// </summary>
/// <param name="serializer">
/// The envelope serializer; a function because it exists only once the registry has answered, after start-up, and the
/// worker waits for it before the first batch.
/// </param>
public sealed class EventCodec(Func<EnvelopeSerializer> serializer)
{
    // Compact, UTF-8 as is: the data's text goes into JSON webhook bodies, never into HTML, so only what JSON
    // itself requires is escaped; fixed options make the bytes a function of the model alone.
    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Decodes a record value; null with <paramref name="problem"/> set when it is not a readable envelope (poison).</summary>
    /// <exception cref="SchemaRegistryUnavailableException">The registry could not be asked: the record is not at fault, the batch is retried.</exception>
    public JsonObject? TryDecode(ReadOnlyMemory<byte> value, out string? problem)
    {
        try
        {
            var envelope = serializer().Deserialize(value);
            problem = null;
            return (JsonObject)JsonNode.Parse(CloudEventJson.ToJson(envelope))!;
        }
        catch (EnvelopeDecodeException exception)
        {
            problem = $"{exception.ReasonCode}: {exception.Message}";
            return null;
        }
    }

    /// <summary>The record value of an event: its envelope in the Confluent wire format.</summary>
    /// <exception cref="CloudEventFormatException">The event cannot be carried by the envelope.</exception>
    public byte[] Encode(JsonObject cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            cloudEvent.WriteTo(writer);
        }

        return serializer().Serialize(CloudEventJson.FromJson(buffer.WrittenMemory));
    }

    /// <summary>Reads <c>source</c> and <c>id</c> of an encoded event, for rebuilding the duplicate window from <c>streams.normalised</c>.</summary>
    /// <exception cref="SchemaRegistryUnavailableException">The registry could not be asked.</exception>
    public bool TryReadIdentity(ReadOnlyMemory<byte> value, out string source, out string id)
    {
        try
        {
            var envelope = serializer().Deserialize(value);
            (source, id) = (envelope.Source, envelope.Id);
            return true;
        }
        catch (EnvelopeDecodeException)
        {
            // Not an event this hop wrote: it has no identity to remember.
            (source, id) = ("", "");
            return false;
        }
    }
}

using Streams.Envelope;

namespace Streams.Normaliser.Normalisation;

/// <summary>
/// The one place where record bytes become an event model and back: a record value is the Avro envelope in the
/// Confluent wire format (<see cref="EnvelopeSerializer"/>), and the model the rules and the canonical form work on is
/// that envelope (<see cref="EnvelopeAttributes"/>), never its JSON.
/// </summary>
/// <param name="serializer">
/// The envelope serializer; a function because it exists only once the registry has answered, after start-up, and the
/// worker waits for it before the first batch.
/// </param>
public sealed class EventCodec(Func<EnvelopeSerializer> serializer)
{
    /// <summary>Decodes a record value; null with <paramref name="problem"/> set when it is not a readable envelope (poison).</summary>
    /// <exception cref="SchemaRegistryUnavailableException">The registry could not be asked: the record is not at fault, the batch is retried.</exception>
    public CloudEventEnvelope? TryDecode(ReadOnlyMemory<byte> value, out string? problem)
    {
        try
        {
            problem = null;
            return serializer().Deserialize(value);
        }
        catch (EnvelopeDecodeException exception)
        {
            problem = $"{exception.ReasonCode}: {exception.Message}";
            return null;
        }
    }

    /// <summary>The record value of an event: its envelope in the Confluent wire format.</summary>
    public byte[] Encode(CloudEventEnvelope envelope) => serializer().Serialize(envelope);

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

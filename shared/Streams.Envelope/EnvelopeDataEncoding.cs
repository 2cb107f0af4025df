namespace Streams.Envelope;

/// <summary>How an envelope's <see cref="CloudEventEnvelope.Data"/> bytes are to be read.</summary>
public enum EnvelopeDataEncoding
{
    /// <summary>The UTF-8 text of a JSON value: the event's <c>data</c> member in structured JSON.</summary>
    Json,

    /// <summary>Opaque bytes: the event's <c>data_base64</c> member in structured JSON.</summary>
    Binary,
}

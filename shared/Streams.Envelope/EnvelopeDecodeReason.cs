namespace Streams.Envelope;

/// <summary>Why a Kafka value is not a readable envelope; every reason makes the record a poison record.</summary>
public enum EnvelopeDecodeReason
{
    /// <summary>Not in the Confluent wire format: shorter than its 5-byte header, or the first byte is not the magic 0.</summary>
    NotFramed,

    /// <summary>The registry does not know the schema id in the header.</summary>
    UnknownSchemaId,

    /// <summary>The writer's schema cannot be read as the envelope schema.</summary>
    IncompatibleSchema,

    /// <summary>The Avro payload is truncated, malformed or followed by extra bytes.</summary>
    MalformedPayload,
}

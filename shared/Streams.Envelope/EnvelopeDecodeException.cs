namespace Streams.Envelope;

/// <summary>
/// A Kafka value that can never be decoded as an envelope — a poison record. The hop dead-letters it with
/// <see cref="ReasonCode"/> as <c>st-reason</c> and goes on; retrying would fail the same way.
/// </summary>
public sealed class EnvelopeDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnvelopeDecodeException()
        : this(EnvelopeDecodeReason.MalformedPayload, "The value is not a readable envelope.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public EnvelopeDecodeException(string message)
        : this(EnvelopeDecodeReason.MalformedPayload, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public EnvelopeDecodeException(string message, Exception innerException)
        : this(EnvelopeDecodeReason.MalformedPayload, message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the value cannot be decoded.</param>
    /// <param name="message">What is wrong, for a person.</param>
    /// <param name="innerException">The cause, if any.</param>
    public EnvelopeDecodeException(EnvelopeDecodeReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the value cannot be decoded.</summary>
    public EnvelopeDecodeReason Reason { get; }

    /// <summary>A short, stable code for the reason, for the <c>st-reason</c> header and metric labels, e.g. <c>envelope-not-framed</c>.</summary>
    public string ReasonCode => Reason switch
    {
        EnvelopeDecodeReason.NotFramed => "envelope-not-framed",
        EnvelopeDecodeReason.UnknownSchemaId => "envelope-unknown-schema-id",
        EnvelopeDecodeReason.IncompatibleSchema => "envelope-incompatible-schema",
        _ => "envelope-malformed",
    };
}

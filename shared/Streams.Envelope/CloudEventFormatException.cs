namespace Streams.Envelope;

/// <summary>Structured-mode CloudEvents JSON that cannot become an envelope; ingest answers it with 400.</summary>
public sealed class CloudEventFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudEventFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public CloudEventFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CloudEventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one attribute.</summary>
    /// <param name="attribute">The attribute at fault.</param>
    /// <param name="message">What is wrong.</param>
    public CloudEventFormatException(string? attribute, string message)
        : base(message)
    {
        Attribute = attribute;
    }

    /// <summary>The attribute at fault, or <see langword="null"/> for the event as a whole.</summary>
    public string? Attribute { get; }
}

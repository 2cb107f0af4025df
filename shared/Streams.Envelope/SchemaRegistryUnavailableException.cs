namespace Streams.Envelope;

/// <summary>
/// The schema registry could not be asked (unreachable, timed out, or answering 5xx). The record being decoded is not
/// at fault: the caller keeps it and tries again later, and never dead-letters it for this.
/// </summary>
public sealed class SchemaRegistryUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaRegistryUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public SchemaRegistryUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The registry client's error.</param>
    public SchemaRegistryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Streams.Avro;

/// <summary>Raised for data that cannot be encoded, decoded or resolved, and for malformed wire frames.</summary>
public class AvroException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AvroException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public AvroException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public AvroException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

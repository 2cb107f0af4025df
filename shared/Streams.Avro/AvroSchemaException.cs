namespace Streams.Avro;

/// <summary>Raised when a schema is invalid, or when a writer schema cannot be resolved against a reader schema.</summary>
public class AvroSchemaException : AvroException
{
    /// <summary>Creates the exception.</summary>
    public AvroSchemaException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the schema.</param>
    public AvroSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong with the schema.</param>
    /// <param name="innerException">The underlying failure.</param>
    public AvroSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

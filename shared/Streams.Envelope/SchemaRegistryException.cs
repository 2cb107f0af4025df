using System.Net;

namespace Streams.Envelope;

/// <summary>
/// The schema registry refused a request or could not be reached. Only an answer with a Confluent error code says
/// something about the request itself; without one the registry is unavailable and the caller should retry later.
/// </summary>
public sealed class SchemaRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaRegistryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public SchemaRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SchemaRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error answer.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">The Confluent error code from the body, e.g. 40403.</param>
    /// <param name="message">The registry's message.</param>
    public SchemaRegistryException(HttpStatusCode statusCode, int errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status of the answer, or <see langword="null"/> when there was none.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The Confluent error code, e.g. 40403 (schema not found), or <see langword="null"/> when there was no answer.</summary>
    public int? ErrorCode { get; }

    /// <summary>The registry answered that no schema has the requested id.</summary>
    public bool IsSchemaNotFound => ErrorCode == 40403;
}

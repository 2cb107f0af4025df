using System.Net;
using Confluent.SchemaRegistry;

namespace Streams.Envelope;

/// <summary>Sorts what Confluent's registry client throws into "the registry refused" and "the registry was not there".</summary>
public static class RegistryFailures
{
    /// <summary>Confluent's error code for an id the registry does not hold.</summary>
    public const int SchemaNotFound = 40403;

    /// <summary>
    /// True when the registry could not be asked: no connection, a time-out, or a 5xx (or 429) answer. Such a failure
    /// says nothing about the request, so the caller retries; any other error code is the registry's verdict.
    /// </summary>
    /// <param name="exception">What the client threw.</param>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        SchemaRegistryException refusal => (int)refusal.Status >= 500 || refusal.Status == HttpStatusCode.TooManyRequests,
        HttpRequestException or TimeoutException or TaskCanceledException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsUnavailable(aggregate.InnerExceptions[0]),
        _ => false,
    };

    /// <summary>True when the registry answered that it holds no schema with the id asked for.</summary>
    /// <param name="exception">What the client threw.</param>
    public static bool IsSchemaNotFound(Exception exception) => exception is SchemaRegistryException { ErrorCode: SchemaNotFound };
}

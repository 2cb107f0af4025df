namespace Streams.Delivery;

/// <summary>The three things an answer can mean.</summary>
public enum DeliveryOutcomeKind
{
    /// <summary>2xx: done.</summary>
    Delivered,

    /// <summary>429, 5xx, time-out, connection error: try again later.</summary>
    Retryable,

    /// <summary>Every other 4xx, and 3xx: never retried; dead-lettered with the reason.</summary>
    Rejected,
}

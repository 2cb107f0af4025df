namespace Streams.Delivery;

/// <summary>What a receiver's answer means for the batch it was sent (DESIGN §2 "Webhook deliveries").</summary>
/// <param name="Kind">Delivered, retry later, or never retry.</param>
/// <param name="Status">The HTTP status, or 0 when there was no answer (time-out, connection error).</param>
/// <param name="Reason">Why, for logs and dead-letter headers.</param>
/// <param name="RetryAfter">The receiver's Retry-After, when it gave one.</param>
public sealed record DeliveryOutcome(DeliveryOutcomeKind Kind, int Status, string Reason, TimeSpan? RetryAfter = null)
{
    /// <summary>The receiver took the batch (2xx).</summary>
    public static DeliveryOutcome Delivered(int status) => new(DeliveryOutcomeKind.Delivered, status, "delivered");
}

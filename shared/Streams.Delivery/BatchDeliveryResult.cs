namespace Streams.Delivery;

/// <summary>How delivering one batch to one subscription ended, after local retries.</summary>
/// <param name="Outcome">
/// Delivered; Rejected (dead-letter it); or Retryable (local retries spent, circuit open, or stopping: hand it to the retry tier).
/// </param>
/// <param name="Attempts">HTTP requests made for it.</param>
/// <param name="FirstFailure">When the first of them failed; null when none did.</param>
public sealed record BatchDeliveryResult(DeliveryOutcome Outcome, int Attempts, DateTimeOffset? FirstFailure)
{
    /// <summary>
    /// Set when the circuit was open, so no request was made: about how long until it lets a probe through. Such a
    /// batch was not tried, so it keeps its attempts and waits in its tier rather than moving to the next one.
    /// </summary>
    public TimeSpan? CircuitOpenFor { get; init; }
}

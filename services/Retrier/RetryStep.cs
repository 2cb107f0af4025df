using Streams.Delivery.Retries;

namespace Streams.Retrier;

/// <summary>What happens to a batch the retrier could not deliver: another tier, or the dead-letter topic.</summary>
/// <param name="Tier">The tier to wait in next; null to dead-letter.</param>
/// <param name="NotBefore">When it is due again (with a tier).</param>
/// <param name="Failure">The failure to record, attempts and reason updated.</param>
public sealed record RetryStep(RetryTier? Tier, DateTimeOffset NotBefore, DeliveryFailure Failure)
{
    /// <summary>
    /// The step after a retryable failure in <paramref name="current"/>: dead letter once attempts or age are spent,
    /// else the next tier down (or the last one again), due after that tier's delay.
    /// </summary>
    public static RetryStep After(DeliveryFailure failure, RetryTier current, IReadOnlyList<RetryTier> tiers, RetrierOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(options);
        if (failure.Attempts >= options.MaxAttempts)
        {
            return new RetryStep(null, now, failure with { Reason = $"attempts spent ({failure.Attempts} of {options.MaxAttempts}); last: {failure.Reason}" });
        }

        if (TooOld(failure, options, now) is { } dead)
        {
            return dead;
        }

        var index = tiers.ToList().FindIndex(t => t.Name == current.Name);
        var next = tiers[Math.Min(index + 1, tiers.Count - 1)];
        return new RetryStep(next, now + next.Delay, failure);
    }

    /// <summary>
    /// The step for a batch the open circuit kept from being sent: no attempt was made, so it stays in
    /// <paramref name="current"/> with its attempts, due once the circuit lets a probe through
    /// (<paramref name="circuitOpenFor"/>) — it does not climb the tiers for its receiver's sake. Only age still ends it.
    /// </summary>
    public static RetryStep Held(DeliveryFailure failure, RetryTier current, RetrierOptions options, DateTimeOffset now, TimeSpan circuitOpenFor)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(options);
        return TooOld(failure, options, now) ?? new RetryStep(current, now + circuitOpenFor, failure);
    }

    private static RetryStep? TooOld(DeliveryFailure failure, RetrierOptions options, DateTimeOffset now) =>
        now - failure.FirstFailure >= options.MaxAge
            ? new RetryStep(null, now, failure with { Reason = $"too old (first failure {failure.FirstFailure:O}, max age {options.MaxAge}); last: {failure.Reason}" })
            : null;
}

using System.Threading.RateLimiting;

namespace Streams.Ingest.Security;

/// <summary>
/// Per-key request rate limits: a token bucket per sender, refilled every 100 ms, allowing a burst of
/// one second's worth. No queueing: a request over the limit is answered 429 at once.
/// </summary>
public sealed class SenderRateLimiter : IDisposable
{
    private static readonly TimeSpan Refill = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<Sender> _limiter = PartitionedRateLimiter.Create<Sender, string>(sender =>
        sender.RateLimitPerSecond <= 0
            ? RateLimitPartition.GetNoLimiter(sender.Name)
            : RateLimitPartition.GetTokenBucketLimiter(sender.Name, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = sender.RateLimitPerSecond,
                TokensPerPeriod = Math.Max(1, sender.RateLimitPerSecond / 10),
                ReplenishmentPeriod = Refill,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Takes one request's permit; when refused, how long to wait before retrying.</summary>
    public bool TryAcquire(Sender sender, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(sender);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Streams.Telemetry;

namespace Streams.Delivery;

/// <summary>
/// Everything about sending batches to one subscription's endpoint: signing, the rate limit, local retries (Polly:
/// exponential backoff with jitter, <c>Retry-After</c> honoured up to a cap) and a circuit breaker that fails fast while
/// the endpoint's batches keep failing after those retries. A process has one per subscription (<see cref="SubscriptionEndpoints"/>), which egress, the
/// retrier and replay all send through.
/// </summary>
public sealed class SubscriptionEndpoint : IDisposable
{
    // The breaker judges batches, each after its local retries: it opens when at least half of the batches
    // settled in the last 30 s still failed, once there were enough of them to judge. A failed attempt that a
    // local retry fixes is not a failure of the endpoint (issue 14: a receiver answering 500, 500, 200 per batch
    // opened a breaker that counted attempts, and its batches climbed the tiers).
    private const double FailureRatio = 0.5;
    private const int MinimumThroughput = 5;
    private static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);

    private readonly SubscriptionOptions _options;
    private readonly Uri _url;
    private readonly WebhookSigner? _signer;
    private readonly WebhookClient _client;
    private readonly StreamsMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _maxRetryAfter;
    private readonly RateLimiter? _limiter;
    private readonly TimeSpan _breakDuration;
    private readonly ResiliencePipeline<DeliveryOutcome> _pipeline;

    /// <summary>Prepares delivery to one subscription's endpoint.</summary>
    public SubscriptionEndpoint(SubscriptionOptions options, WebhookClient client, StreamsMetrics metrics, TimeProvider clock, ILogger logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _url = new Uri(options.Url);
        _signer = options.Secret.Length > 0 ? new WebhookSigner(options.Secret) : null;
        _client = client;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _timeout = TimeSpan.FromMilliseconds(options.TimeoutMs);
        _maxRetryAfter = TimeSpan.FromMilliseconds(options.MaxRetryAfterMs);
        _limiter = options.RateLimitPerSecond > 0 ? CreateLimiter(options) : null;
        _breakDuration = TimeSpan.FromMilliseconds(options.CircuitBreakMs);
        _pipeline = BuildPipeline();
        _metrics.SetCircuitState(Name, CircuitPosition.Closed);
    }

    /// <summary>The subscription's settings.</summary>
    public SubscriptionOptions Options => _options;

    /// <summary>The subscription's name.</summary>
    public string Name => _options.Name;

    /// <summary>True when the subscription wants events of this type.</summary>
    public bool Matches(string type) =>
        (_options.Types.Count == 0 || _options.Types.Contains(type, StringComparer.Ordinal)) && !_options.ExcludeTypes.Contains(type, StringComparer.Ordinal);

    /// <summary>
    /// Sends <paramref name="batch"/>, retrying in place, and says how it ended. <paramref name="stopping"/>
    /// ends waiting: during a backoff the batch is given up as Retryable so it can be handed on; before a
    /// first attempt it throws <see cref="OperationCanceledException"/>. <paramref name="abort"/> also
    /// cancels a request in flight.
    /// </summary>
    public async Task<BatchDeliveryResult> DeliverAsync(WebhookBatch batch, CancellationToken stopping, CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var attempts = new AttemptLog(this, batch, abort);
        try
        {
            var outcome = await _pipeline.ExecuteAsync(static (log, token) => log.Endpoint.AttemptAsync(log, token), attempts, stopping);
            return attempts.Result(outcome);
        }
        catch (BrokenCircuitException exception)
        {
            // No request was made: the caller keeps the batch where it is until the circuit lets a probe through.
            var outcome = AnswerClassifier.NoAnswer("circuit open after repeated failures");
            return attempts.Result(outcome) with { CircuitOpenFor = exception.RetryAfter ?? _breakDuration };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !abort.IsCancellationRequested && attempts.Last is { Kind: DeliveryOutcomeKind.Retryable } last)
        {
            // Stopping while waiting to retry: hand the batch on rather than hold the shutdown. A batch
            // not yet tried at all stays unfinished instead (the cancellation goes up), so it is consumed again.
            return attempts.Result(last);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _limiter?.Dispose();

    internal async ValueTask<DeliveryOutcome> AttemptAsync(AttemptLog log, CancellationToken stopping)
    {
        if (_limiter is not null)
        {
            // Every request counts against the limit, retries included: the receiver sees them all.
            using var lease = await _limiter.AcquireAsync(log.Batch.Count, stopping);
        }

        var outcome = await _client.SendAsync(_url, log.Batch.Id, _signer, log.Batch.Body, _timeout, log.Abort);
        _metrics.CountDeliveryAttempt(Name, outcome.Status == 0 ? null : outcome.Status);
        log.Add(outcome, _clock.GetUtcNow());
        return outcome;
    }

    private ResiliencePipeline<DeliveryOutcome> BuildPipeline()
    {
        // The breaker is the outer strategy, so it sees each batch's outcome after the local retries, never
        // the single attempts; while it is half-open, one batch (with its retries) is the probe.
        var builder = new ResiliencePipelineBuilder<DeliveryOutcome> { TimeProvider = _clock }.AddCircuitBreaker(new CircuitBreakerStrategyOptions<DeliveryOutcome>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Kind: DeliveryOutcomeKind.Retryable }),
            FailureRatio = FailureRatio,
            MinimumThroughput = MinimumThroughput,
            SamplingDuration = SamplingDuration,
            BreakDuration = _breakDuration,
            OnOpened = args =>
            {
                _logger.LogWarning("Circuit to {Subscription} opened for {Duration}: batches wait in their retry tier", Name, args.BreakDuration);
                _metrics.SetCircuitState(Name, CircuitPosition.Open);
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                _metrics.SetCircuitState(Name, CircuitPosition.HalfOpen);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                _logger.LogInformation("Circuit to {Subscription} closed", Name);
                _metrics.SetCircuitState(Name, CircuitPosition.Closed);
                return ValueTask.CompletedTask;
            },
        });
        if (_options.LocalRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<DeliveryOutcome>
            {
                // Only answers worth another try, and only while the wait they ask for is short; a longer
                // Retry-After goes to the retry tier, due no earlier than the receiver asked.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { Kind: DeliveryOutcomeKind.Retryable } outcome && !(outcome.RetryAfter > _maxRetryAfter)),
                MaxRetryAttempts = _options.LocalRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(_options.RetryDelayMs),
                MaxDelay = _maxRetryAfter > TimeSpan.Zero ? _maxRetryAfter : null,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    _metrics.CountRetry(Name, RetryKind.Local);
                    _logger.LogWarning(
                        "Delivery to {Subscription} failed ({Reason}), attempt {Attempt}; retrying in {Delay}",
                        Name, args.Outcome.Result?.Reason, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// A token bucket refilled in small steps (about every 10 ms) holding at most one batch, so over any
    /// window of W seconds the receiver gets at most R·W + one batch.
    /// </summary>
    private static TokenBucketRateLimiter CreateLimiter(SubscriptionOptions options)
    {
        var rate = options.RateLimitPerSecond;
        var tokensPerPeriod = Math.Max(1, (int)Math.Ceiling(rate / 100.0));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(options.BatchSize, tokensPerPeriod),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * tokensPerPeriod / rate),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}

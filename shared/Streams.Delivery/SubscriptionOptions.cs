namespace Streams.Delivery;

/// <summary>One receiver: <c>Streams:Egress:Subscriptions:N</c>.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>Unique name, used in metrics, headers and commands.</summary>
    public string Name { get; set; } = "";

    /// <summary>The webhook URL events are POSTed to.</summary>
    public string Url { get; set; } = "";

    /// <summary>Event types delivered; empty means all.</summary>
    public List<string> Types { get; set; } = [];

    /// <summary>Event types never delivered, even where <see cref="Types"/> is empty: "all but these".</summary>
    public List<string> ExcludeTypes { get; set; } = [];

    /// <summary>Standard Webhooks signing secret, <c>whsec_</c> + base64; empty sends unsigned requests.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Most events in one request.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Longest an event waits for its batch to fill. None by default: a lane sends one batch at a time, so events that
    /// arrive while one is on its way fill the next by themselves, and waiting would only delay a lone event.
    /// </summary>
    public int LingerMs { get; set; }

    /// <summary>Most requests in flight to this receiver at once.</summary>
    public int MaxInFlight { get; set; } = 4;

    /// <summary>How long one request may take.</summary>
    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>Most events per second sent to this receiver; 0 means no limit.</summary>
    public int RateLimitPerSecond { get; set; }

    /// <summary>Retries in place after a retryable failure before the batch goes to the first retry tier.</summary>
    public int LocalRetries { get; set; } = 3;

    /// <summary>The first local retry's delay; later ones double, with jitter.</summary>
    public int RetryDelayMs { get; set; } = 200;

    /// <summary>
    /// The longest <c>Retry-After</c> waited out in place; a receiver asking for longer gets the batch
    /// through the retry tier, not before the time it asked for.
    /// </summary>
    public int MaxRetryAfterMs { get; set; } = 5_000;

    /// <summary>How long the circuit stays open (work goes straight to the retry tier) once the endpoint is failing.</summary>
    public int CircuitBreakMs { get; set; } = 5_000;
}

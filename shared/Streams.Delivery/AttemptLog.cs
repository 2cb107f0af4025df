namespace Streams.Delivery;

/// <summary>The attempts at one batch: what a failed batch's headers report.</summary>
internal sealed class AttemptLog(SubscriptionEndpoint endpoint, WebhookBatch batch, CancellationToken abort)
{
    private DateTimeOffset? _firstFailure;
    private int _count;

    public SubscriptionEndpoint Endpoint => endpoint;

    public WebhookBatch Batch => batch;

    public CancellationToken Abort => abort;

    public DeliveryOutcome? Last { get; private set; }

    public void Add(DeliveryOutcome outcome, DateTimeOffset now)
    {
        _count++;
        Last = outcome;
        if (outcome.Kind != DeliveryOutcomeKind.Delivered)
        {
            _firstFailure ??= now;
        }
    }

    public BatchDeliveryResult Result(DeliveryOutcome outcome) => new(outcome, _count, _firstFailure);
}

namespace Streams.Delivery;

/// <summary>
/// What every role that sends webhooks shares (egress, the retrier, replay): the subscriptions and the process's cap on
/// requests in flight. They live under <c>Streams:Egress</c>, the keys users already write.
/// </summary>
public sealed class DeliveryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Egress";

    /// <summary>Most requests in flight across every subscription; also the webhook client's connections per receiver host.</summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>The receivers.</summary>
    public List<SubscriptionOptions> Subscriptions { get; set; } = [];
}

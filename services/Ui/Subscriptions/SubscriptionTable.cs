namespace Streams.Ui.Subscriptions;

/// <summary>The answer of <c>GET /ui/api/subscriptions</c>.</summary>
/// <param name="Subscriptions">Every subscription, configured or seen, by name.</param>
/// <param name="Errors">Why scrapes (or Prometheus queries) are failing, if they are.</param>
internal sealed record SubscriptionTable(IReadOnlyList<SubscriptionStatus> Subscriptions, IReadOnlyList<string> Errors);

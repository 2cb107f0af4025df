namespace Streams.Ui.Subscriptions;

/// <summary>One subscription's row on the page.</summary>
/// <param name="Name">The subscription.</param>
/// <param name="Circuit"><c>closed</c>, <c>half-open</c>, <c>open</c> (the worst of the processes scraped), or <c>unknown</c> when no process reports it.</param>
/// <param name="DeliveredPerSecond">Events delivered per second over the last interval; null before two scrapes.</param>
/// <param name="DeadLetteredPerSecond">Events dead-lettered per second over the last interval; null before two scrapes.</param>
internal sealed record SubscriptionStatus(string Name, string Circuit, double? DeliveredPerSecond, double? DeadLetteredPerSecond);

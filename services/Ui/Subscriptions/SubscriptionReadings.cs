namespace Streams.Ui.Subscriptions;

/// <summary>What the metrics say about subscriptions, whether the page scraped them itself or asked Prometheus.</summary>
/// <param name="Seen">Every subscription some process reports a circuit or deliveries for.</param>
/// <param name="WorstCircuit">Per subscription, the highest <c>streams_circuit_state</c> of the processes that report it.</param>
/// <param name="PerSecond">
/// Per subscription and outcome, events per second over the last interval; absent pairs delivered nothing. Null when
/// no rate can be given yet (fewer than two scrapes) or reading it failed.
/// </param>
internal sealed record SubscriptionReadings(
    IReadOnlySet<string> Seen,
    IReadOnlyDictionary<string, double> WorstCircuit,
    IReadOnlyDictionary<(string Subscription, string Outcome), double>? PerSecond);

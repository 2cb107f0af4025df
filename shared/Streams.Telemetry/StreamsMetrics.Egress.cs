using Prometheus;

namespace Streams.Telemetry;

/// <summary>
/// Egress's batch-sized variants of the delivery counters, so a batch of N is one increment of N, and the circuit
/// state of the subscriptions a process delivers to.
/// </summary>
public sealed partial class StreamsMetrics
{
    private Gauge? _circuitState;

    /// <summary>Sets where <paramref name="subscription"/>'s circuit breaker in this process stands.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="position">Closed (0), half-open (1) or open (2).</param>
    public void SetCircuitState(string subscription, CircuitPosition position) =>
        OnFirstUse(ref _circuitState, static f => f.CreateGauge("streams_circuit_state", "Circuit breaker of the subscription's endpoint: 0 closed, 1 half-open, 2 open", [Subscription]))
            .WithLabels([subscription]).Set((int)position);

    /// <summary>Counts <paramref name="count"/> events that reached their final <paramref name="outcome"/> for a subscription.</summary>
    /// <param name="subscription">The subscription delivered to.</param>
    /// <param name="outcome">The outcome, e.g. <c>delivered</c>, <c>dead_lettered</c> or <c>retry_tier</c>.</param>
    /// <param name="count">How many events.</param>
    public void CountDeliveries(string subscription, string outcome, long count) =>
        _deliveries.WithLabels([outcome, subscription]).Inc(count);

    /// <summary>Counts <paramref name="count"/> events sent to the dead-letter topic.</summary>
    /// <param name="subscription">The subscription that gave up on them; empty for events nobody could read.</param>
    /// <param name="reason">Why, e.g. <c>rejected</c> or <c>undecodable</c>.</param>
    /// <param name="count">How many events.</param>
    public void CountDeadLetters(string subscription, string reason, long count) =>
        _deadLetters.WithLabels([reason, subscription]).Inc(count);
}

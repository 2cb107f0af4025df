namespace Streams.Ui.Subscriptions;

/// <summary>The series the subscriptions section is read from (shared/Streams.Telemetry names them).</summary>
internal static class SubscriptionSeries
{
    public const string Deliveries = "streams_deliveries_total";
    public const string CircuitState = "streams_circuit_state";
}

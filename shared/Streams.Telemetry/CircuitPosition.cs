namespace Streams.Telemetry;

/// <summary>Where a subscription's circuit breaker stands; the value of <c>streams_circuit_state</c>.</summary>
public enum CircuitPosition
{
    /// <summary>Batches are sent.</summary>
    Closed = 0,

    /// <summary>One probe batch is let through to see whether the endpoint recovered.</summary>
    HalfOpen = 1,

    /// <summary>Batches wait in their retry tier without a request.</summary>
    Open = 2,
}

namespace Streams.LoadTest;

/// <summary>One hop's p95 lag-in and lag-out over an interval, in milliseconds (NaN where it observed nothing).</summary>
internal sealed record HopLag(string Hop, double LagInP95Ms, double LagOutP95Ms);

namespace Streams.LoadTest;

/// <summary>One second of a run in the report: events sent, acknowledged and received, their end-to-end lag, and each hop's p95 lags.</summary>
internal sealed record SecondRow(int Second, long Sent, long Acknowledged, long Received, double EndToEndP50Ms, double EndToEndP95Ms, IReadOnlyList<HopLag> Hops);

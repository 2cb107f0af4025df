namespace Streams.Ui.History;

/// <summary>One hop's p95s per interval, in milliseconds; null where the hop observed nothing in the interval.</summary>
internal sealed record HopSeries(string Hop, IReadOnlyList<double?> LagInP95Ms, IReadOnlyList<double?> LagOutP95Ms, IReadOnlyList<double?> ProcessP95Ms);

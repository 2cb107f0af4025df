namespace Streams.Envelope;

/// <summary>What is wrong with one event of a batch: ingest lists these in its RFC 7807 answer.</summary>
/// <param name="Index">The event's position in the batch (0-based); -1 for the batch as a whole.</param>
/// <param name="Field">The attribute at fault, or null for the event as a whole.</param>
/// <param name="Detail">What is wrong, for a person.</param>
public sealed record EventProblem(int Index, string? Field, string Detail);

using Streams.Envelope;

namespace Streams.Ingest.CloudEvents;

/// <summary>A parsed batch: either every event is valid, or the problems with it.</summary>
/// <param name="Events">The events, when there are no problems.</param>
/// <param name="Problems">Everything wrong with the batch; empty when it is valid.</param>
public sealed record BatchReadResult(IReadOnlyList<ValidEvent> Events, IReadOnlyList<EventProblem> Problems)
{
    /// <summary>True when the batch can be written.</summary>
    public bool IsValid => Problems.Count == 0;
}

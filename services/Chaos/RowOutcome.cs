namespace Streams.Chaos;

/// <summary>One row's result: its counts, how long lag took to recover, and roles that fell over by themselves.</summary>
/// <param name="Row">The row.</param>
/// <param name="Counts">What became of its events; null when the row could not be run.</param>
/// <param name="Recovery">From the fault's end until lag was normal again; null when it was not before sending stopped.</param>
/// <param name="Observed">From the fault's end until sending stopped: the longest recovery the row can see.</param>
/// <param name="UnplannedRestarts">Roles that exited by themselves and were started again.</param>
/// <param name="Error">Why the row could not be run.</param>
internal sealed record RowOutcome(ChaosRow Row, RowCounts? Counts, TimeSpan? Recovery, TimeSpan Observed, int UnplannedRestarts, string? Error = null)
{
    /// <summary>The promise held: the row ran and lost nothing answered 200.</summary>
    public bool Kept => Counts is { Lost: 0 } && Error is null;
}

namespace Streams.LoadTest;

/// <summary>What the sender and the receiver share during one run: its ids, its ledger and its clock.</summary>
internal sealed record RunUnderTest(LoadEventIds Ids, EventLedger Ledger, RunClock Clock)
{
    /// <summary>
    /// The run so far, for a progress line: whole seconds elapsed, events sent, and the last whole second's tally (null
    /// before the first second has ended or when nothing happened in it).
    /// </summary>
    public (int Second, long Sent, SecondTally? LastSecond) Progress()
    {
        var second = (int)Clock.Elapsed.TotalSeconds;
        var rows = Ledger.Seconds;
        return (second, rows.Sum(row => row.Sent), second >= 1 && second - 1 < rows.Count ? rows[second - 1] : null);
    }
}

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

    /// <summary>Writes a progress line, made from <see cref="Progress"/>, once a second until <paramref name="cancellationToken"/> ends the run.</summary>
    public async Task ShowProgressAsync(TextWriter output, Func<(int Second, long Sent, SecondTally? LastSecond), string> line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(line);
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await ticks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await output.WriteLineAsync(line(Progress())).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}

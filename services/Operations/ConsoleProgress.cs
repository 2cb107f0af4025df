using System.Diagnostics;

namespace Streams.Operations;

/// <summary>A progress line on stderr at most once a second, so long reads show they are moving.</summary>
internal sealed class ConsoleProgress(string verb) : IProgress<SnapshotProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastShown = TimeSpan.Zero;

    public void Report(SnapshotProgress value)
    {
        if (value.Read != value.Total && _clock.Elapsed - _lastShown < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lastShown = _clock.Elapsed;
        Console.Error.WriteLine($"{verb} {value.Topic}: {value.Read:N0} of {value.Total:N0} records ({100.0 * value.Read / value.Total:0}%)");
    }
}

using System.Diagnostics;

namespace Streams.LoadTest;

/// <summary>The run's time base: wall-clock times for events, monotonic elapsed time for the schedule and per-second rows.</summary>
internal sealed class RunClock
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    /// <summary>The wall-clock time the run started.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Time since the start.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>The wall-clock time now, on the same base as <see cref="StartedAt"/> (immune to clock steps during the run).</summary>
    public DateTimeOffset Now => StartedAt + Elapsed;

    /// <summary>The whole second of the run a wall-clock time falls in.</summary>
    public int SecondOf(DateTimeOffset time) => Math.Max(0, (int)(time - StartedAt).TotalSeconds);
}

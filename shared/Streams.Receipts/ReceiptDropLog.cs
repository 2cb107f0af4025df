using Microsoft.Extensions.Logging;
using Streams.Telemetry;

namespace Streams.Receipts;

/// <summary>
/// Counts every receipt lost (a metric) and logs at most one line per <see cref="Interval"/>, with how many were lost
/// since the last one: a broken receipts topic must not flood the log of a hop that is otherwise fine.
/// </summary>
public sealed partial class ReceiptDropLog(StreamsMetrics metrics, TimeProvider clock, ILogger<ReceiptDropLog> logger)
{
    /// <summary>The longest a lost receipt stays unlogged.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private long _unlogged;
    private long _lastLoggedAt = long.MinValue;

    /// <summary>Counts lost receipts, and logs when the last line is older than <see cref="Interval"/>.</summary>
    /// <param name="reason">The metric's reason label.</param>
    /// <param name="detail">What went wrong, for the log line.</param>
    /// <param name="count">How many receipts were lost (1 for a producer error that lost none by itself).</param>
    public void Dropped(string reason, string detail, int count = 1)
    {
        metrics.CountReceiptDropped(reason, count);
        var unlogged = Interlocked.Add(ref _unlogged, count);
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastLoggedAt);
        if ((last != long.MinValue && clock.GetElapsedTime(last, now) < Interval) || Interlocked.CompareExchange(ref _lastLoggedAt, now, last) != last)
        {
            return;
        }

        Interlocked.Add(ref _unlogged, -unlogged);
        LogDropped(unlogged, reason, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipts lost: {Count} since the last report, last because {Reason}: {Detail} (delivery is not affected)")]
    private partial void LogDropped(long count, string reason, string detail);
}

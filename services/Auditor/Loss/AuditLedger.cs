using Streams.Audit;

namespace Streams.Auditor.Loss;

/// <summary>
/// The auditor's memory: per event-time minute, the totals of every report read so far, and which minutes have been
/// judged. Written by the consumer, read by the evaluator and the loss API; one lock, held briefly.
/// </summary>
public sealed class AuditLedger
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, BucketTotals> _buckets = [];
    private readonly HashSet<long> _evaluated = [];

    /// <summary>Adds a report's entries.</summary>
    /// <param name="report">The report.</param>
    /// <returns>How many entries fell in minutes already evaluated (late).</returns>
    public int Add(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var late = 0;
        lock (_lock)
        {
            foreach (var entry in report.Entries)
            {
                if (!_buckets.TryGetValue(entry.MinuteMs, out var bucket))
                {
                    bucket = new BucketTotals(entry.MinuteMs);
                    _buckets.Add(entry.MinuteMs, bucket);
                }

                bucket.Add(entry.Hop, entry.Stage, new StageTotal(entry.Count, entry.Digest));
                late += _evaluated.Contains(entry.MinuteMs) ? 1 : 0;
            }
        }

        return late;
    }

    /// <summary>Copies of the minutes in [<paramref name="fromMs"/>, <paramref name="toMs"/>), oldest first.</summary>
    /// <param name="fromMs">Start, ms since the Unix epoch, inclusive.</param>
    /// <param name="toMs">End, ms since the Unix epoch, exclusive.</param>
    /// <returns>The minutes' totals.</returns>
    public IReadOnlyList<BucketTotals> Range(long fromMs, long toMs)
    {
        lock (_lock)
        {
            return [.. _buckets.Values.Where(bucket => bucket.MinuteMs >= fromMs && bucket.MinuteMs < toMs).Select(bucket => bucket.Copy())];
        }
    }

    /// <summary>Marks the minutes starting before <paramref name="beforeMs"/> that were not yet judged as judged, and returns copies of them.</summary>
    /// <param name="beforeMs">Minutes starting before this (ms since the Unix epoch) are due.</param>
    /// <returns>The newly due minutes, oldest first.</returns>
    public IReadOnlyList<BucketTotals> TakeDue(long beforeMs)
    {
        lock (_lock)
        {
            var due = _buckets.Values.Where(bucket => bucket.MinuteMs < beforeMs && !_evaluated.Contains(bucket.MinuteMs)).ToList();
            foreach (var bucket in due)
            {
                _evaluated.Add(bucket.MinuteMs);
            }

            return [.. due.Select(bucket => bucket.Copy())];
        }
    }

    /// <summary>Forgets the minutes starting before <paramref name="beforeMs"/>.</summary>
    /// <param name="beforeMs">Ms since the Unix epoch.</param>
    public void Evict(long beforeMs)
    {
        lock (_lock)
        {
            foreach (var minute in _buckets.Keys.TakeWhile(minute => minute < beforeMs).ToList())
            {
                _buckets.Remove(minute);
                _evaluated.Remove(minute);
            }
        }
    }
}

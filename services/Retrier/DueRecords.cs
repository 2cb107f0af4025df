using Confluent.Kafka;
using Streams.Egress.Retries;

namespace Streams.Retrier;

/// <summary>
/// Splits what a poll returned into records due now and partitions to pause: a partition whose head is not
/// due yet is paused until it is (its later records are not due either, tiers being FIFO by due time),
/// so the retrier neither spins on it nor keeps a thread asleep per record.
/// </summary>
public sealed class DueRecords
{
    private readonly Dictionary<TopicPartition, (long Offset, DateTimeOffset Due)> _paused = [];

    /// <summary>Partitions paused, with the offset to resume from and when.</summary>
    public IReadOnlyDictionary<TopicPartition, (long Offset, DateTimeOffset Due)> Paused => _paused;

    /// <summary>
    /// Sorts one record: deliver it now; pause its partition at it (it is the first record there not yet due); or skip it
    /// (its partition is paused at an earlier record, so it will be read again after the resume).
    /// </summary>
    public Admission Admit(ConsumeResult<byte[]?, byte[]> record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_paused.ContainsKey(record.TopicPartition))
        {
            return Admission.Skip;
        }

        var due = RetryRecord.NotBefore(record.Message.Headers) ?? now;
        if (due <= now)
        {
            return Admission.Deliver;
        }

        _paused[record.TopicPartition] = (record.Offset.Value, due);
        return Admission.Pause;
    }

    /// <summary>Partitions due again by <paramref name="now"/>; they are forgotten here, the caller resumes them.</summary>
    public IReadOnlyList<(TopicPartition Partition, long Offset)> TakeDue(DateTimeOffset now)
    {
        var due = _paused.Where(p => p.Value.Due <= now).Select(p => (p.Key, p.Value.Offset)).ToList();
        foreach (var (partition, _) in due)
        {
            _paused.Remove(partition);
        }

        return due;
    }

    /// <summary>How long until the next paused partition is due; null when none is paused.</summary>
    public TimeSpan? UntilNext(DateTimeOffset now) =>
        _paused.Count == 0 ? null : _paused.Values.Min(p => p.Due) - now;

    /// <summary>Forgets partitions this consumer no longer owns.</summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _paused.Remove(partition);
        }
    }
}

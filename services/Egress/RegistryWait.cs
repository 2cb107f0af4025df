using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streams.Egress;

/// <summary>
/// Partitions waiting for the schema registry: a record whose writer schema could not be fetched is read again after
/// <see cref="Delay"/>, with its partition paused meanwhile. The consumer goes on polling (so it stays in its group and
/// other partitions keep flowing), and the record is neither dead-lettered nor skipped.
/// </summary>
internal sealed partial class RegistryWait(TimeProvider clock, ILogger logger)
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private readonly Dictionary<TopicPartition, long> _since = [];

    /// <summary>Pauses the record's partition and rewinds it to the record.</summary>
    public void Hold(IConsumer<byte[]?, byte[]> consumer, ConsumeResult<byte[]?, byte[]> record, Exception cause)
    {
        LogWaiting(cause, record.TopicPartition, record.Offset.Value, Delay);
        consumer.Pause([record.TopicPartition]);
        consumer.Seek(record.TopicPartitionOffset);
        _since[record.TopicPartition] = clock.GetTimestamp();
    }

    /// <summary>Resumes the partitions whose wait is over (unless <paramref name="resume"/> is false: the whole consumer is paused and resumes them itself).</summary>
    public void ResumeDue(IConsumer<byte[]?, byte[]> consumer, bool resume)
    {
        if (_since.Count == 0)
        {
            return;
        }

        var due = _since.Where(entry => clock.GetElapsedTime(entry.Value) >= Delay).Select(entry => entry.Key).ToList();
        if (due.Count > 0 && resume)
        {
            consumer.Resume(due);
        }

        Forget(due);
    }

    /// <summary>Drops partitions this consumer no longer owns.</summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _since.Remove(partition);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema registry unavailable for {Partition} at offset {Offset}; reading it again in {Delay}")]
    private partial void LogWaiting(Exception cause, TopicPartition partition, long offset, TimeSpan delay);
}

using Confluent.Kafka;

namespace Streams.Kafka.Consuming;

/// <summary>Consecutive records of one partition, handed to an <see cref="IRecordHandler"/> together.</summary>
public sealed class PartitionBatch
{
    private readonly PartitionLane _lane;

    internal PartitionBatch(PartitionLane lane, int generation, IReadOnlyList<ConsumedRecord> records)
    {
        _lane = lane;
        Generation = generation;
        Records = records;
    }

    /// <summary>The partition the records come from.</summary>
    public TopicPartition Partition => _lane.Partition;

    /// <summary>The records, in offset order.</summary>
    public IReadOnlyList<ConsumedRecord> Records { get; }

    internal int Generation { get; }

    /// <summary>
    /// Stops the partition at <paramref name="record"/>: it and every later record are forgotten and read again once
    /// <paramref name="until"/> has passed, the partition paused meanwhile (a retry record not due yet, a registry that
    /// does not answer). The handler should not go on with later records of this batch.
    /// </summary>
    public void HoldFrom(ConsumedRecord record, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(record);
        _lane.RequestHold(Generation, record.Offset, until);
    }
}

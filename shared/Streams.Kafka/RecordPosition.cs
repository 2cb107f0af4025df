using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>Where one produced record was written, known once Kafka acknowledged it (see <see cref="DeliveryBatch"/>).</summary>
public sealed class RecordPosition
{
    private TopicPartitionOffset? _written;

    /// <summary>The partition, or -1 until acknowledged.</summary>
    public int Partition => _written?.Partition.Value ?? -1;

    /// <summary>The offset, or -1 until acknowledged.</summary>
    public long Offset => _written?.Offset.Value ?? -1;

    internal void Set(TopicPartitionOffset written) => _written = written;
}

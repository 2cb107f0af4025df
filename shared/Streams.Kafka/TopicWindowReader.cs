using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// Reads back the recent records of one partition: those with a timestamp at or after a cut-off, among at most
/// the partition's last N records. Used to rebuild in-memory state (the normaliser's duplicate window) after a
/// restart or rebalance.
/// </summary>
/// <remarks>
/// The start offset comes from a timestamp lookup (<c>OffsetsForTimes</c>) where the broker answers one. The local
/// mock cluster (librdkafka 2.16's, as 2.0.2's before it) does not look timestamps up: it answers offset -1, "end",
/// with no error, for every timestamp (TopicWindowReaderTests pins this). So an "end" answer, which a real broker
/// gives only when no record is that recent, is checked against the partition's last record, and when it is wrong
/// a binary search over record timestamps (about log2(N) single-record fetches) takes over.
/// Timestamps are assumed to grow with offsets (producer CreateTime from one writer at a time); records a little
/// out of order at the edge are still filtered by timestamp.
/// </remarks>
/// <param name="clients">Builds the reading consumer (it only assigns partitions: it never joins a group or commits).</param>
/// <param name="groupId">The group id the reading consumer is configured with.</param>
public sealed class TopicWindowReader(KafkaClientFactory clients, string groupId)
{
    /// <summary>Reads every record of <paramref name="partition"/> with timestamp ≥ <paramref name="since"/> among its last <paramref name="maxRecords"/>.</summary>
    /// <param name="partition">The partition to read.</param>
    /// <param name="since">The cut-off: older records are skipped.</param>
    /// <param name="maxRecords">How far back to look at most, in records.</param>
    /// <param name="onRecord">Called for each record in offset order.</param>
    /// <param name="timeout">Longest the whole read may take; a <see cref="TimeoutException"/> after it.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>How many records were passed to <paramref name="onRecord"/>.</returns>
    public long ReadBack(
        TopicPartition partition,
        DateTimeOffset since,
        long maxRecords,
        Action<ConsumeResult<byte[]?, byte[]>> onRecord,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        var deadline = DateTime.UtcNow + timeout;
        using var consumer = clients.CreateConsumer(groupId);
        try
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, timeout);
            var end = watermarks.High.Value;
            var start = Math.Max(watermarks.Low.Value, end - maxRecords);
            if (start >= end)
            {
                return 0;
            }

            var cutoff = since.ToUnixTimeMilliseconds();
            var first = StartOffset(consumer, partition, start, end, cutoff, deadline, cancellationToken);
            return first >= end ? 0 : Scan(consumer, new TopicPartitionOffset(partition, first), end, cutoff, onRecord, deadline, cancellationToken);
        }
        finally
        {
            consumer.Close();
        }
    }

    private static long StartOffset(
        IConsumer<byte[]?, byte[]> consumer, TopicPartition partition, long low, long high, long cutoff, DateTime deadline, CancellationToken cancellationToken)
    {
        try
        {
            var lookup = new TopicPartitionTimestamp(partition, new Timestamp(cutoff, TimestampType.CreateTime));
            var found = consumer.OffsetsForTimes([lookup], TimeSpan.FromSeconds(5)).Single().Offset.Value;
            if (found >= 0)
            {
                return Math.Clamp(found, low, high);
            }

            consumer.Assign(new TopicPartitionOffset(partition, high - 1));
            if (Next(consumer, deadline, cancellationToken).Message.Timestamp.UnixTimestampMs < cutoff)
            {
                return high;
            }
        }
        catch (KafkaException)
        {
            // No timestamp lookup here: search instead.
        }

        return FirstAtOrAfter(consumer, partition, low, high, cutoff, deadline, cancellationToken);
    }

    private static long FirstAtOrAfter(
        IConsumer<byte[]?, byte[]> consumer, TopicPartition partition, long low, long high, long cutoff, DateTime deadline, CancellationToken cancellationToken)
    {
        // Invariant: every record below `low` is older than the cut-off; the record at `high` (if any) is not.
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            consumer.Assign(new TopicPartitionOffset(partition, middle));
            var record = Next(consumer, deadline, cancellationToken);
            if (record.Offset.Value >= high)
            {
                high = middle;
            }
            else if (record.Message.Timestamp.UnixTimestampMs < cutoff)
            {
                low = record.Offset.Value + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static long Scan(
        IConsumer<byte[]?, byte[]> consumer,
        TopicPartitionOffset from,
        long end,
        long cutoff,
        Action<ConsumeResult<byte[]?, byte[]>> onRecord,
        DateTime deadline,
        CancellationToken cancellationToken)
    {
        consumer.Assign(from);
        long passed = 0;
        var next = from.Offset.Value;
        while (next < end)
        {
            var record = Next(consumer, deadline, cancellationToken);
            if (record.Offset.Value >= end)
            {
                break;
            }

            if (record.Message.Timestamp.UnixTimestampMs >= cutoff)
            {
                onRecord(record);
                passed++;
            }

            next = record.Offset.Value + 1;
        }

        return passed;
    }

    private static ConsumeResult<byte[]?, byte[]> Next(IConsumer<byte[]?, byte[]> consumer, DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException("Reading back the partition did not finish in time.");
            }

            if (consumer.Consume(remaining < TimeSpan.FromMilliseconds(500) ? remaining : TimeSpan.FromMilliseconds(500)) is { } record)
            {
                return record;
            }
        }
    }
}

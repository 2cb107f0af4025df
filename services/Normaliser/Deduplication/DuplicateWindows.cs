using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka;
using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Deduplication;

/// <summary>
/// One <see cref="DuplicateWindow"/> per owned input partition, rebuilt on first use after a restart or a
/// rebalance by reading back the window from the same-numbered partition of <c>streams.normalised</c>.
/// </summary>
/// <remarks>
/// Assumption (checked and logged): <c>streams.ingested</c> and <c>streams.normalised</c> have the same partition
/// count. The normaliser keeps each record's key and both topics are written by librdkafka's default partitioner,
/// so an event read from ingested partition p is written to normalised partition p, and partition p of
/// normalised holds exactly what this window saw. With different counts, duplicates may pass after a
/// rebuild (never the other way round: a window only ever holds ids that were really normalised).
/// Partitions are handled in parallel, each by one batch at a time: the map is shared, each window is used by one
/// partition's batches only.
/// </remarks>
public sealed class DuplicateWindows(
    KafkaClientFactory clients,
    IOptions<NormaliserOptions> options,
    EventCodec codec,
    ILogger<DuplicateWindows> logger)
{
    private static readonly TimeSpan ReadBackTimeout = TimeSpan.FromMinutes(2);
    private readonly DeduplicationOptions _options = options.Value.Dedup;
    private readonly string _normalised = clients.Options.Topics.Normalised;
    private readonly TopicWindowReader _reader = new(clients, options.Value.GroupId + ".dedup-window");
    private readonly ConcurrentDictionary<int, DuplicateWindow> _windows = new();
    private readonly EventCodec _codec = codec;

    /// <summary>The window of an input partition, rebuilt from <c>streams.normalised</c> if this member does not hold it yet.</summary>
    public DuplicateWindow For(TopicPartition input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!_windows.TryGetValue(input.Partition.Value, out var window))
        {
            window = Rebuild(input.Partition.Value, now, cancellationToken);
            _windows[input.Partition.Value] = window;
        }

        return window;
    }

    /// <summary>Forgets the windows of partitions this member no longer owns.</summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        foreach (var partition in partitions)
        {
            _windows.TryRemove(partition.Partition.Value, out _);
        }
    }

    private DuplicateWindow Rebuild(int partition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = new DuplicateWindow(_options.Window, _options.MaxIdsPerPartition);
        var output = new TopicPartition(_normalised, partition);
        var started = DateTime.UtcNow;
        var read = _reader.ReadBack(
            output,
            now - _options.Window,
            _options.MaxIdsPerPartition,
            record =>
            {
                if (_codec.TryReadIdentity(record.Message.Value, out var source, out var id))
                {
                    window.Add(DuplicateWindow.Key(source, id), record.Message.Timestamp.UnixTimestampMs);
                }
            },
            ReadBackTimeout,
            cancellationToken);
        logger.LogInformation(
            "Rebuilt the duplicate window of partition {Partition} from {Topic}: {Records} records read back, {Ids} ids, in {Elapsed} ms",
            partition, _normalised, read, window.Count, (long)(DateTime.UtcNow - started).TotalMilliseconds);
        return window;
    }
}

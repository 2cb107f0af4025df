using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka;
using Streams.Kafka.Topics;
using Streams.Telemetry;

namespace Streams.Receipts;

/// <summary>
/// Reads every partition of the receipts topic from the beginning — assigned, in no consumer group, committing
/// nothing — into a <see cref="ReceiptStore"/>, and answers lookups from it. After a restart it reads the
/// topic again, so receipts survive the process; until it has caught up, a lookup says how far behind it is.
/// </summary>
public sealed partial class ReceiptIndex(
    IOptions<ReceiptOptions> options,
    KafkaClientFactory clients,
    TopicReadiness topics,
    StreamsMetrics metrics,
    ILogger<ReceiptIndex> logger) : BackgroundService
{
    private static readonly TimeSpan ConsumeWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan EndsInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    private readonly string _topic = clients.Options.Topics.Receipts;
    private readonly ReceiptStore _store = new(options.Value.MaxEvents);
    // Per partition: the next offset to read and the end last seen; replaced whole, read without a lock.
    private volatile PartitionProgress[] _progress = [];

    /// <summary>The receipts of the event (<paramref name="source"/>, <paramref name="id"/>), with how far behind the index is there.</summary>
    public ReceiptLookup Find(string source, string id)
    {
        var identity = EventIdentity.Of(source, id);
        var found = _store.Find(identity);
        var progress = _progress;
        var behind = progress.Length == 0 ? 0 : progress[ReceiptPartitioner.For(identity, progress.Length)].Behind;
        return found is { } receipts
            ? new ReceiptLookup(receipts.Accepted, receipts.Normaliser, receipts.Duplicate, receipts.Subscriptions, behind, progress.Length > 0)
            : new ReceiptLookup(null, null, null, [], behind, progress.Length > 0);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await topics.WhenReadyAsync(ReceiptWriter.TopicsRole, stoppingToken);
        // Consume() blocks: on a thread of its own, not the host's nor the pool's (ingest's requests run there).
        await Task.Factory.StartNew(() => Read(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Read(CancellationToken stopping)
    {
        using var consumer = clients.CreateKeyValueReader("streams-receipt-index");
        var partitions = Partitions(consumer, stopping);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var next = new long[partitions.Count];
        var ends = Ends(consumer, partitions, next);
        LogReading(_topic, partitions.Count, ends.Sum(p => p.Behind));
        var lastEnds = DateTime.UtcNow;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    var result = consumer.Consume(ConsumeWait);
                    if (result?.Message is { } message)
                    {
                        _store.AddBatch(message.Value);
                        next[result.Partition.Value] = result.Offset.Value + 1;
                    }
                }
                catch (ConsumeException exception) when (!exception.Error.IsFatal)
                {
                    // A lookup index must not stop the ingest host: the client retries by itself, and lookups say how far behind it is.
                    LogConsumeFailed(_topic, exception.Error.Reason);
                }

                if (DateTime.UtcNow - lastEnds >= EndsInterval)
                {
                    Ends(consumer, partitions, next);
                    metrics.SetReceiptIndexEvents(_store.Count);
                    lastEnds = DateTime.UtcNow;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            consumer.Close();
        }
    }

    private List<TopicPartition> Partitions(IConsumer<byte[]?, byte[]> consumer, CancellationToken stopping)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        while (true)
        {
            stopping.ThrowIfCancellationRequested();
            try
            {
                var topic = admin.GetMetadata(_topic, RequestTimeout).Topics.Single(t => t.Topic == _topic);
                if (topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count > 0)
                {
                    return [.. topic.Partitions.Select(p => new TopicPartition(_topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
                }
            }
            catch (KafkaException exception)
            {
                LogMetadataFailed(_topic, exception.Error.Reason);
            }

            stopping.WaitHandle.WaitOne(RequestTimeout);
        }
    }

    /// <summary>Looks where each partition ends (a broker round-trip per partition, once a second) and publishes the progress.</summary>
    private PartitionProgress[] Ends(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions, long[] next)
    {
        var previous = _progress;
        var progress = new PartitionProgress[partitions.Count];
        for (var index = 0; index < partitions.Count; index++)
        {
            var end = previous.Length == partitions.Count ? previous[index].End : long.MaxValue;
            try
            {
                var watermarks = consumer.QueryWatermarkOffsets(partitions[index], RequestTimeout);
                end = watermarks.High.Value;
                // Compaction and retention remove the head: nothing below the low watermark is left to read.
                next[index] = Math.Max(next[index], watermarks.Low.Value);
            }
            catch (KafkaException exception)
            {
                LogMetadataFailed(_topic, exception.Error.Reason);
            }

            progress[index] = new PartitionProgress(next[index], end);
        }

        _progress = progress;
        return progress;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Receipt index reading {Topic} ({Partitions} partitions, {Behind} records to catch up)")]
    private partial void LogReading(string topic, int partitions, long behind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt index could not read {Topic}: {Reason}")]
    private partial void LogConsumeFailed(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt index could not look up {Topic}: {Reason}")]
    private partial void LogMetadataFailed(string topic, string reason);

    /// <summary>Where the index is in one partition.</summary>
    private readonly record struct PartitionProgress(long Next, long End)
    {
        public long Behind => Math.Max(0, End - Next);
    }
}

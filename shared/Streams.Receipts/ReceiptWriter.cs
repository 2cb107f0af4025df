using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka;
using Streams.Kafka.Topics;
using Streams.Telemetry;

namespace Streams.Receipts;

/// <summary>
/// Writes the process's receipts to the receipts topic, each hop calling <see cref="Write"/> once its own output is
/// acknowledged. Receipts are status, not the delivery promise: they go through a producer of their own, tuned for
/// cheapness (<see cref="KafkaClientFactory.CreateStatusProducer"/>), and a receipt that cannot be written is counted,
/// logged rate-limited and dropped — it never blocks, fails or slows the caller's batch.
/// </summary>
/// <remarks>
/// The partition is set explicitly from the event's identity (<see cref="ReceiptPartitioner"/>), which needs the topic's
/// partition count: it is looked up once the topic is ready, and receipts before that are dropped as <c>topic_unknown</c>.
/// A write's receipts that fall in one partition go as one record (<see cref="ReceiptBatch"/>, <see cref="ReceiptBatchCodec"/>).
/// </remarks>
public sealed partial class ReceiptWriter : BackgroundService
{
    /// <summary>The role the receipts topic is registered under with the topic readiness check.</summary>
    public const string TopicsRole = "receipts";

    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MetadataRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);
    private readonly string _topic;
    private readonly IProducer<byte[]?, byte[]>? _producer;
    private readonly TopicReadiness _topics;
    private readonly ReceiptDropLog _drops;
    private readonly StreamsMetrics _metrics;
    private readonly ILogger<ReceiptWriter> _logger;
    // The topic's partitions, made once so a record allocates no TopicPartition; null until the topic is known.
    private volatile TopicPartition[]? _partitions;
    private int _closing;

    /// <summary>Creates the receipt producer when receipts are enabled.</summary>
    public ReceiptWriter(
        IOptions<ReceiptOptions> options,
        KafkaClientFactory clients,
        TopicReadiness topics,
        ReceiptDropLog drops,
        StreamsMetrics metrics,
        ILogger<ReceiptWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        _topic = clients.Options.Topics.Receipts;
        _topics = topics;
        _drops = drops;
        _metrics = metrics;
        _logger = logger;
        Enabled = options.Value.Enabled;
        _producer = Enabled
            ? clients.CreateStatusProducer("receipts", options.Value.LingerMs, error => drops.Dropped("producer_error", $"{error.Code}: {error.Reason}"))
            : null;
    }

    /// <summary>Whether receipts are written; when false, callers skip the work of preparing them.</summary>
    public bool Enabled { get; }

    /// <summary>A batch to add this write's receipts to; give it to <see cref="Write(ReceiptBatch)"/> once they are all in.</summary>
    public ReceiptBatch StartBatch() => new(_partitions?.Length ?? 0);

    /// <summary>Hands the batch's receipts to the producer, a record per partition; never throws for Kafka's sake and never waits.</summary>
    public void Write(ReceiptBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var partitions = _partitions;
        if (_producer is null || batch.Count == 0)
        {
            return;
        }

        if (Volatile.Read(ref _closing) == 1)
        {
            _drops.Dropped("stopping", $"{batch.Count} receipts after the receipt producer closed", batch.Count);
            return;
        }

        if (partitions is null)
        {
            _drops.Dropped("topic_unknown", $"{batch.Count} receipts: the partitions of {_topic} are not known yet", batch.Count);
            return;
        }

        foreach (var (partition, value) in batch.Values())
        {
            try
            {
                // No record key: the partition is set, and each entry carries its own key.
                _producer.Produce(partitions[partition], new Message<byte[]?, byte[]> { Key = null, Value = value.ToArray() });
            }
            catch (ProduceException<byte[]?, byte[]> exception)
            {
                _drops.Dropped(exception.Error.Code == ErrorCode.Local_QueueFull ? "queue_full" : "producer_error", exception.Error.Reason, batch.Count);
                return;
            }
            catch (KafkaException exception)
            {
                _drops.Dropped("producer_error", exception.Error.Reason, batch.Count);
                return;
            }
        }

        _metrics.CountReceiptsWritten(batch.Count);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        // Registered as itself and as a hosted service: the container may dispose it twice, the producer only once.
        if (Interlocked.Exchange(ref _closing, 1) == 0 && _producer is not null)
        {
            // What the hops handed over before the stop still goes out, within a bound: a stop never waits long for status.
            _producer.Flush(FlushTimeout);
            _producer.Dispose();
        }

        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_producer is null)
        {
            return;
        }

        await _topics.WhenReadyAsync(TopicsRole, stoppingToken);
        using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        var count = 0;
        while (!stoppingToken.IsCancellationRequested && count == 0)
        {
            count = await Task.Run(() => PartitionCount(admin), stoppingToken);
            if (count == 0)
            {
                await Task.Delay(MetadataRetry, stoppingToken);
            }
        }

        _partitions = [.. Enumerable.Range(0, count).Select(partition => new TopicPartition(_topic, partition))];
        LogWriting(_topic, count);
    }

    private int PartitionCount(IAdminClient admin)
    {
        try
        {
            var topic = admin.GetMetadata(_topic, MetadataTimeout).Topics.SingleOrDefault(t => t.Topic == _topic);
            return topic is { Error.Code: ErrorCode.NoError } ? topic.Partitions.Count : 0;
        }
        catch (KafkaException exception)
        {
            _drops.Dropped("topic_unknown", exception.Error.Reason);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Writing receipts to {Topic} ({Partitions} partitions)")]
    private partial void LogWriting(string topic, int partitions);
}

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
    private volatile int _partitions;

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

    /// <summary>Hands one receipt to the producer; never throws for Kafka's sake and never waits.</summary>
    /// <param name="stage">The stage (<see cref="ReceiptStages"/>).</param>
    /// <param name="source">The event's <c>source</c>.</param>
    /// <param name="id">The event's <c>id</c>.</param>
    /// <param name="receipt">What the stage did.</param>
    public void Write(string stage, string source, string id, in Receipt receipt)
    {
        if (_producer is null)
        {
            return;
        }

        var partitions = _partitions;
        if (partitions == 0)
        {
            _drops.Dropped("topic_unknown", $"the partitions of {_topic} are not known yet");
            return;
        }

        var key = ReceiptKey.Encode(stage, source, id);
        var partition = new TopicPartition(_topic, ReceiptPartitioner.For(ReceiptKey.Identity(key), partitions));
        try
        {
            _producer.Produce(partition, new Message<byte[]?, byte[]> { Key = key, Value = ReceiptValueCodec.Encode(receipt) });
            _metrics.CountReceiptsWritten();
        }
        catch (ProduceException<byte[]?, byte[]> exception)
        {
            _drops.Dropped(exception.Error.Code == ErrorCode.Local_QueueFull ? "queue_full" : "producer_error", exception.Error.Reason);
        }
        catch (KafkaException exception)
        {
            _drops.Dropped("producer_error", exception.Error.Reason);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        if (_producer is not null)
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
        while (!stoppingToken.IsCancellationRequested && _partitions == 0)
        {
            _partitions = await Task.Run(() => PartitionCount(admin), stoppingToken);
            if (_partitions == 0)
            {
                await Task.Delay(MetadataRetry, stoppingToken);
            }
        }

        LogWriting(_topic, _partitions);
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

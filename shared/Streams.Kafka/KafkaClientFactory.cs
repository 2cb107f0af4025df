using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streams.Kafka;

/// <summary>Builds producers and consumers from <see cref="KafkaOptions"/>, with the pipeline's durability settings.</summary>
public sealed class KafkaClientFactory(
    IOptions<KafkaOptions> options,
    ILoggerFactory loggerFactory,
    IEnumerable<IKafkaStatisticsListener>? statisticsListeners = null)
{
    private readonly KafkaOptions _options = options.Value;
    private readonly IKafkaStatisticsListener[] _listeners = [.. statisticsListeners ?? []];

    /// <summary>The options the clients are built from.</summary>
    public KafkaOptions Options => _options;

    /// <summary>
    /// A producer that never loses an acknowledged record: acks=all and idempotence,
    /// so a retried send is neither duplicated nor reordered within a partition.
    /// </summary>
    public IProducer<byte[]?, byte[]> CreateProducer(string role, ProducerHealth? health = null)
    {
        BundledLibrdkafka.EnsureLoaded();
        var config = new ProducerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            ClientId = $"{_options.ClientId}-{role}",
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = _options.DeliveryTimeoutMs,
            LingerMs = 2,
            BatchNumMessages = 10_000,
            // A bounded local queue: when it is full, Produce throws and the caller answers "busy"
            // instead of buffering without limit.
            QueueBufferingMaxMessages = 200_000,
            QueueBufferingMaxKbytes = 64 * 1024,
            CompressionType = CompressionType.Lz4,
            // Reports are read for their error and offset only; marshalling key, value and headers back into managed
            // memory for every record kept the producer's poll thread busy at ingest's batch rate.
            DeliveryReportFields = "none",
            StatisticsIntervalMs = health is null && _listeners.Length == 0 ? 0 : 1000,
        };
        Apply(config);
        var logger = loggerFactory.CreateLogger($"Streams.Kafka.Producer.{role}");
        var builder = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(logger, message))
            .SetErrorHandler((_, error) =>
            {
                LibrdkafkaLog.Write(logger, error);
                health?.OnError(error);
            });
        if (health is not null || _listeners.Length > 0)
        {
            builder.SetStatisticsHandler((_, json) =>
            {
                health?.OnStatistics(json);
                foreach (var listener in _listeners)
                {
                    listener.OnProducerStatistics(json);
                }
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// A consumer that commits only by hand: neither offsets nor commits happen behind the caller's back,
    /// so an offset is committed only after its record's work is durably done (at-least-once).
    /// </summary>
    public IConsumer<byte[]?, byte[]> CreateConsumer(
        string groupId,
        Action<IConsumer<byte[]?, byte[]>, List<TopicPartitionOffset>>? onRevoked = null)
    {
        BundledLibrdkafka.EnsureLoaded();
        var config = new ConsumerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            ClientId = $"{_options.ClientId}-{groupId}",
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            FetchWaitMaxMs = 10,
            SessionTimeoutMs = 10_000,
            HeartbeatIntervalMs = 1_000,
            StatisticsIntervalMs = _listeners.Length == 0 ? 0 : 5_000,
        };
        Apply(config);
        var logger = loggerFactory.CreateLogger($"Streams.Kafka.Consumer.{groupId}");
        var builder = new ConsumerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(logger, message))
            .SetErrorHandler((_, error) => LibrdkafkaLog.Write(logger, error));
        if (_listeners.Length > 0)
        {
            builder.SetStatisticsHandler((_, json) =>
            {
                foreach (var listener in _listeners)
                {
                    listener.OnConsumerStatistics(groupId, json);
                }
            });
        }

        if (onRevoked is not null)
        {
            builder.SetPartitionsRevokedHandler(onRevoked);
            builder.SetPartitionsLostHandler(onRevoked);
        }

        return builder.Build();
    }

    private void Apply(ClientConfig config)
    {
        foreach (var (key, value) in _options.Client)
        {
            config.Set(key, value);
        }
    }
}

using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka.Consuming;

namespace Streams.Kafka;

/// <summary>Builds producers and consumers from <see cref="KafkaOptions"/>, with the pipeline's durability settings.</summary>
public sealed class KafkaClientFactory(
    IOptions<KafkaOptions> options,
    ILoggerFactory loggerFactory,
    IEnumerable<IKafkaStatisticsListener>? statisticsListeners = null)
{
    // What an idle fetch of a reader off the delivery path waits for: its records are due in seconds or minutes.
    private const int OffPathFetchWaitMs = 100;
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
            LingerMs = _options.LingerMs,
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
    /// A producer for status records that may be lost (receipts), tuned to cost the hot path little: acks=1 without
    /// idempotence, records gathered for <paramref name="lingerMs"/> and lz4-compressed, no delivery reports (so no
    /// managed callback per record) and a short message time-out, so a record that cannot be sent is dropped rather
    /// than held. Its errors go to <paramref name="onError"/>, which decides how loudly to log them.
    /// </summary>
    public IProducer<byte[]?, byte[]> CreateStatusProducer(string role, int lingerMs, Action<Error> onError)
    {
        ArgumentNullException.ThrowIfNull(onError);
        BundledLibrdkafka.EnsureLoaded();
        var config = new ProducerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            ClientId = $"{_options.ClientId}-{role}",
            Acks = Acks.Leader,
            EnableIdempotence = false,
            LingerMs = lingerMs,
            BatchNumMessages = 10_000,
            QueueBufferingMaxMessages = 100_000,
            QueueBufferingMaxKbytes = 32 * 1024,
            MessageTimeoutMs = 10_000,
            CompressionType = CompressionType.Lz4,
            EnableDeliveryReports = false,
        };
        Apply(config);
        var logger = loggerFactory.CreateLogger($"Streams.Kafka.Producer.{role}");
        return new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(logger, message))
            .SetErrorHandler((_, error) => onError(error))
            .Build();
    }

    /// <summary>An admin client (metadata, topic configs, topic creation) with the same connection and security settings.</summary>
    public IAdminClient CreateAdmin(string role)
    {
        BundledLibrdkafka.EnsureLoaded();
        var config = new AdminClientConfig { BootstrapServers = _options.BootstrapServers, ClientId = $"{_options.ClientId}-{role}" };
        Apply(config);
        var logger = loggerFactory.CreateLogger($"Streams.Kafka.Admin.{role}");
        return new AdminClientBuilder(config)
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(logger, message))
            .SetErrorHandler((_, error) => LibrdkafkaLog.Write(logger, error))
            .Build();
    }

    /// <summary>
    /// A consumer that never commits by itself (for readers that assign partitions or only look): neither offsets are
    /// stored nor commits made behind the caller's back.
    /// </summary>
    public IConsumer<byte[]?, byte[]> CreateConsumer(string groupId)
    {
        var config = ConsumerConfig(groupId);
        config.EnableAutoCommit = false;
        return BuildConsumer(config, groupId, handlers: null);
    }

    /// <summary>
    /// A consumer for a reader that assigns itself partitions, commits nothing and needs only each record's key, value,
    /// partition and offset (the receipt index): no topic name, timestamp or headers are marshalled per record, and idle
    /// fetches wait as long as other readers off the delivery path.
    /// </summary>
    public IConsumer<byte[]?, byte[]> CreateKeyValueReader(string name)
    {
        var config = ConsumerConfig(name);
        config.EnableAutoCommit = false;
        config.ConsumeResultFields = "none";
        config.FetchWaitMaxMs = Math.Max(_options.FetchWaitMaxMs, OffPathFetchWaitMs);
        return BuildConsumer(config, name, handlers: null);
    }

    /// <summary>
    /// The consumer of a <see cref="ConsumerEngine"/>: offsets are stored by hand, only once their record's work is durable,
    /// and the client commits the stored ones in the background and when partitions are revoked (never when they are
    /// lost); cooperative-sticky assignment, so a rebalance moves only the partitions that change owner.
    /// </summary>
    public IConsumer<byte[]?, byte[]> CreateConsumer(ConsumerEngineSettings settings, RebalanceHandlers handlers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(handlers);
        var config = ConsumerConfig(settings.GroupId);
        config.EnableAutoCommit = settings.Commits;
        config.AutoCommitIntervalMs = (int)settings.CommitInterval.TotalMilliseconds;
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        config.FetchWaitMaxMs = settings.OnDeliveryPath ? _options.FetchWaitMaxMs : Math.Max(_options.FetchWaitMaxMs, OffPathFetchWaitMs);
        return BuildConsumer(config, settings.GroupId, handlers);
    }

    private ConsumerConfig ConsumerConfig(string groupId)
    {
        BundledLibrdkafka.EnsureLoaded();
        var config = new ConsumerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            ClientId = $"{_options.ClientId}-{groupId}",
            GroupId = groupId,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            FetchWaitMaxMs = _options.FetchWaitMaxMs,
            SessionTimeoutMs = 10_000,
            HeartbeatIntervalMs = 1_000,
            StatisticsIntervalMs = _listeners.Length == 0 ? 0 : 5_000,
        };
        return config;
    }

    private IConsumer<byte[]?, byte[]> BuildConsumer(ConsumerConfig config, string groupId, RebalanceHandlers? handlers)
    {
        // Client settings from configuration win over the defaults above, e.g. a strategy the rest of a shared group uses.
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

        if (handlers is not null)
        {
            builder.SetPartitionsAssignedHandler(handlers.Assigned);
            builder.SetPartitionsRevokedHandler(handlers.Revoked);
            builder.SetPartitionsLostHandler(handlers.Lost);
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

using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace Streams.DevCluster;

/// <summary>
/// An in-memory Kafka cluster from librdkafka's mock cluster: real Kafka protocol over TCP on
/// 127.0.0.1, reachable from any process, with fault injection. Its data lives only as long as
/// this object; it is for local use and tests, never production.
/// </summary>
public sealed class LocalKafkaCluster : IDisposable
{
    private readonly Lock _gate = new();
    private nint _handle;
    private nint _cluster;

    private LocalKafkaCluster(nint handle, nint cluster, int brokerCount)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>Comma-separated <c>127.0.0.1:port</c> list of the brokers.</summary>
    public string BootstrapServers { get; }

    /// <summary>How many brokers run; their ids are 1 to this number.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster of <paramref name="brokerCount"/> brokers.</summary>
    public static LocalKafkaCluster Start(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        NativeLibraryResolver.Install();
        var errors = new byte[512];
        var conf = NativeMethods.rd_kafka_conf_new();
        // The mock cluster needs a client handle to live in; a quiet producer that sends nothing serves.
        NativeMethods.rd_kafka_conf_set(conf, "log_level", "3", errors, (nuint)errors.Length);
        var handle = NativeMethods.rd_kafka_new(NativeMethods.ProducerType, conf, errors, (nuint)errors.Length);
        if (handle == 0)
        {
            throw new InvalidOperationException("librdkafka refused to create a client: " + Encoding.UTF8.GetString(errors).TrimEnd('\0'));
        }

        var cluster = NativeMethods.rd_kafka_mock_cluster_new(handle, brokerCount);
        if (cluster == 0)
        {
            NativeMethods.rd_kafka_destroy(handle);
            throw new InvalidOperationException("librdkafka could not start a mock cluster.");
        }

        return new LocalKafkaCluster(handle, cluster, brokerCount);
    }

    /// <summary>Creates a topic; the replication factor is capped at the broker count.</summary>
    /// <remarks>
    /// Through the mock API, not the admin API a real cluster is provisioned with: librdkafka 2.16's mock brokers
    /// serve no CreateTopics (nor DescribeConfigs or AlterConfigs) and report controller id 0, which is no broker, so
    /// <c>IAdminClient.CreateTopicsAsync</c> times out waiting for a controller (DevClusterTopicTests). Nor do they
    /// keep topic configs, so settings such as <c>min.insync.replicas</c> have no local equivalent.
    /// </remarks>
    public void CreateTopic(string name, int partitions, int replicationFactor = 3)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var result = NativeMethods.rd_kafka_mock_topic_create(Cluster, name, partitions, Math.Min(replicationFactor, BrokerCount));
        ThrowOnError(result, $"create topic {name}");
    }

    /// <summary>Takes a broker down: its connections close and it accepts no new ones.</summary>
    public void SetBrokerDown(int brokerId) => ThrowOnError(NativeMethods.rd_kafka_mock_broker_set_down(Cluster, brokerId), $"take broker {brokerId} down");

    /// <summary>Brings a broker back up.</summary>
    public void SetBrokerUp(int brokerId) => ThrowOnError(NativeMethods.rd_kafka_mock_broker_set_up(Cluster, brokerId), $"bring broker {brokerId} up");

    /// <summary>Takes every broker down.</summary>
    public void SetAllBrokersDown() => ForEachBroker(SetBrokerDown);

    /// <summary>Brings every broker up.</summary>
    public void SetAllBrokersUp() => ForEachBroker(SetBrokerUp);

    /// <summary>Delays every answer of a broker by <paramref name="roundTrip"/>.</summary>
    public void SetRoundTripTime(int brokerId, TimeSpan roundTrip) =>
        ThrowOnError(NativeMethods.rd_kafka_mock_broker_set_rtt(Cluster, brokerId, (int)roundTrip.TotalMilliseconds), $"set broker {brokerId} round-trip time");

    /// <summary>Moves the leadership of one partition to <paramref name="brokerId"/>, as a controller does after a broker restart.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ThrowOnError(NativeMethods.rd_kafka_mock_partition_set_leader(Cluster, topic, partition, brokerId), $"move the leader of {topic}/{partition} to broker {brokerId}");
    }

    /// <summary>Makes the next requests of a kind fail, one error each, in order, on whichever broker gets them.</summary>
    public void PushRequestErrors(KafkaApi api, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        NativeMethods.rd_kafka_mock_push_request_errors_array(Cluster, (short)api, (nuint)errors.Length, errors.Select(e => (int)e).ToArray());
    }

    /// <summary>Forgets errors pushed for a kind of request that have not fired yet.</summary>
    public void ClearRequestErrors(KafkaApi api) => NativeMethods.rd_kafka_mock_clear_request_errors(Cluster, (short)api);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != 0)
            {
                NativeMethods.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = 0;
            }

            if (_handle != 0)
            {
                NativeMethods.rd_kafka_destroy(_handle);
                _handle = 0;
            }
        }
    }

    private nint Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(_cluster == 0, this);
            return _cluster;
        }
    }

    private void ForEachBroker(Action<int> action)
    {
        for (var id = 1; id <= BrokerCount; id++)
        {
            action(id);
        }
    }

    private static void ThrowOnError(int error, string what)
    {
        if (error != 0)
        {
            var name = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_err2name(error));
            throw new InvalidOperationException($"Local cluster could not {what}: {name}");
        }
    }
}

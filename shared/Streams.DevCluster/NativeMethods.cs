using System.Runtime.InteropServices;

namespace Streams.DevCluster;

/// <summary>
/// librdkafka's mock cluster API (rdkafka_mock.h), from the librdkafka that librdkafka.redist ships with
/// Confluent.Kafka (<see cref="NativeLibraryResolver"/> binds it to the very library the clients load). Only the calls
/// the local cluster uses are declared.
/// </summary>
internal static partial class NativeMethods
{
    public const string Library = "librdkafka";

    public const int ProducerType = 0;

    [LibraryImport(Library)]
    public static partial nint rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(nint conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_new(int type, nint conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    public static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_cluster_destroy(nint cluster);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_mock_cluster_bootstraps(nint cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(nint cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_down(nint cluster, int brokerId);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_up(nint cluster, int brokerId);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_rtt(nint cluster, int brokerId, int rttMs);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_partition_set_leader(nint cluster, string topic, int partition, int brokerId);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_push_request_errors_array(nint cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_clear_request_errors(nint cluster, short apiKey);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_err2name(int err);
}

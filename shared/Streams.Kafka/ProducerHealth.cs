using System.Text.Json;

namespace Streams.Kafka;

/// <summary>
/// What the producer knows about Kafka, from librdkafka's statistics and error callbacks:
/// whether any broker is reachable, whether the producer hit a fatal error, and its queue depth.
/// Lets ingest answer 503 at once while Kafka is unreachable instead of queueing for the full timeout.
/// </summary>
public sealed class ProducerHealth
{
    private volatile bool _brokersDown;
    private volatile bool _seenBrokerUp;
    private volatile string? _fatalError;
    private long _queueDepth;

    /// <summary>True once a broker has been seen up and librdkafka has not since reported them all down.</summary>
    public bool KafkaReachable => _seenBrokerUp && !_brokersDown;

    /// <summary>True when Kafka is known to be unreachable (as opposed to not yet known).</summary>
    public bool KafkaKnownDown => _brokersDown;

    /// <summary>The fatal error that made the producer unusable, if any.</summary>
    public string? FatalError => _fatalError;

    /// <summary>Records waiting in the producer's queue at the last statistics report.</summary>
    public long QueueDepth => Interlocked.Read(ref _queueDepth);

    /// <summary>Fed librdkafka's statistics JSON (<c>statistics.interval.ms</c>).</summary>
    public void OnStatistics(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("msg_cnt", out var count) && count.TryGetInt64(out var depth))
        {
            Interlocked.Exchange(ref _queueDepth, depth);
        }

        if (root.TryGetProperty("brokers", out var brokers))
        {
            var anyUp = brokers.EnumerateObject().Any(broker =>
                broker.Value.TryGetProperty("state", out var state) && state.ValueEquals("UP"));
            _brokersDown = !anyUp;
            _seenBrokerUp |= anyUp;
        }
    }

    /// <summary>Fed librdkafka's error callback.</summary>
    public void OnError(Confluent.Kafka.Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.IsFatal)
        {
            _fatalError = $"{error.Code}: {error.Reason}";
        }
        else if (error.Code == Confluent.Kafka.ErrorCode.Local_AllBrokersDown)
        {
            _brokersDown = true;
        }
    }
}

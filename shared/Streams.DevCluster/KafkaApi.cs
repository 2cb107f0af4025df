namespace Streams.DevCluster;

/// <summary>Kafka protocol request kinds that faults can be injected into (protocol API keys).</summary>
public enum KafkaApi : short
{
    /// <summary>Produce requests.</summary>
    Produce = 0,

    /// <summary>Fetch requests.</summary>
    Fetch = 1,

    /// <summary>ListOffsets requests.</summary>
    ListOffsets = 2,

    /// <summary>Metadata requests.</summary>
    Metadata = 3,

    /// <summary>OffsetCommit requests.</summary>
    OffsetCommit = 8,

    /// <summary>OffsetFetch requests.</summary>
    OffsetFetch = 9,

    /// <summary>FindCoordinator requests.</summary>
    FindCoordinator = 10,

    /// <summary>JoinGroup requests.</summary>
    JoinGroup = 11,

    /// <summary>Heartbeat requests.</summary>
    Heartbeat = 12,

    /// <summary>InitProducerId requests (idempotent producer start-up).</summary>
    InitProducerId = 22,
}

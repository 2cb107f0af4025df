namespace Streams.Kafka.Topics;

/// <summary>What a role does at start while a topic it needs is missing or misconfigured.</summary>
public enum MissingTopicsBehaviour
{
    /// <summary>Keep checking, answer /readyz "not ready" with the reason, and start the role's work once the topics are right.</summary>
    Wait,

    /// <summary>Stop the process with exit code 2 (for orchestrators that should see a failed start).</summary>
    Exit,
}

namespace Streams.Kafka.Topics;

/// <summary>Why a topic cannot be used as configured; <paramref name="Topic"/> is null when no topic could be checked at all.</summary>
/// <param name="Topic">The topic, or null (e.g. Kafka did not answer).</param>
/// <param name="Message">One line that names the topic and the setting it fails.</param>
public sealed record TopicProblem(string? Topic, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}

namespace Streams.Kafka.Topics;

/// <summary>
/// Thrown at start with <see cref="MissingTopicsBehaviour.Exit"/> when topics are missing or misconfigured: the host
/// reports the problems and exits with code 2.
/// </summary>
public sealed class TopicsNotReadyException : Exception
{
    /// <summary>Creates the exception for the problems found.</summary>
    public TopicsNotReadyException(IReadOnlyList<TopicProblem> problems)
        : base("Topics are missing or misconfigured: " + string.Join("; ", problems.Select(problem => problem.Message))) =>
        Problems = problems;

    /// <summary>What is wrong, a line each.</summary>
    public IReadOnlyList<TopicProblem> Problems { get; }
}

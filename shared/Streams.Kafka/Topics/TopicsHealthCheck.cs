using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streams.Kafka.Topics;

/// <summary>/readyz's view of the topics: unhealthy, with every problem, until they are right.</summary>
public sealed class TopicsHealthCheck(TopicReadiness topics) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = topics.Problems;
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"{topics.Topics.Count} topics as configured")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems.Select(problem => problem.Message))));
    }
}

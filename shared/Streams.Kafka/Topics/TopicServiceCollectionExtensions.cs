using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Streams.Hosting;

namespace Streams.Kafka.Topics;

/// <summary>Registers the topics a role needs, checked at start by <see cref="TopicReadiness"/>.</summary>
public static class TopicServiceCollectionExtensions
{
    /// <summary>The health check's name in /readyz.</summary>
    public const string HealthCheckName = "topics";

    /// <summary>Adds a role's topics; the readiness check and its /readyz entry are registered once.</summary>
    public static IServiceCollection AddRequiredTopics(this IServiceCollection services, string role, Func<IServiceProvider, IEnumerable<string>> topics)
    {
        services.AddSingleton(new RequiredTopics(role, topics));
        if (!services.Any(service => service.ServiceType == typeof(TopicReadiness)))
        {
            services.AddSingleton<TopicReadiness>();
            services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<TopicReadiness>());
            services.AddHealthChecks().AddCheck<TopicsHealthCheck>(HealthCheckName, tags: [ReadinessTags.Ready]);
        }

        return services;
    }

    /// <summary>Adds a role's pipeline topics, named from <c>Streams:Kafka:Topics</c>.</summary>
    public static IServiceCollection AddRequiredTopics(this IServiceCollection services, string role, Func<TopicOptions, IEnumerable<string>> topics) =>
        services.AddRequiredTopics(role, provider => topics(provider.GetRequiredService<IOptions<KafkaOptions>>().Value.Topics));
}

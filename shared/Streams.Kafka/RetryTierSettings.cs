using Microsoft.Extensions.Configuration;

namespace Streams.Kafka;

/// <summary>
/// The retry tiers are one list for every role: <c>Streams:Retrier:Tiers</c> (the documented key), which when given
/// replaces <c>Streams:Kafka:Topics:RetryTiers</c>, so egress hands work to the same topics the retrier reads
/// and the local cluster creates.
/// </summary>
public static class RetryTierSettings
{
    /// <summary>The documented configuration key of the tier list.</summary>
    public const string Key = "Streams:Retrier:Tiers";

    /// <summary>Applies <see cref="Key"/> to <paramref name="topics"/> when it is set.</summary>
    public static void Apply(TopicOptions topics, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(configuration);
        var tiers = configuration.GetSection(Key).Get<List<string>>();
        if (tiers is { Count: > 0 })
        {
            topics.RetryTiers = tiers;
        }
    }
}

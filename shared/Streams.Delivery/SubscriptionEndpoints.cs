using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Telemetry;

namespace Streams.Delivery;

/// <summary>
/// The process's one <see cref="SubscriptionEndpoint"/> per subscription, shared by egress, the retrier and replay, so
/// a subscription's rate limit and circuit breaker hold for everything this process sends it, whichever roles run.
/// </summary>
public sealed class SubscriptionEndpoints : IDisposable
{
    private readonly Dictionary<string, SubscriptionEndpoint> _endpoints;

    /// <summary>Builds an endpoint per configured subscription.</summary>
    public SubscriptionEndpoints(IOptions<DeliveryOptions> options, WebhookClient client, StreamsMetrics metrics, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _endpoints = options.Value.Subscriptions.ToDictionary(
            s => s.Name,
            s => new SubscriptionEndpoint(s, client, metrics, clock, loggers.CreateLogger($"Streams.Delivery.Subscription.{s.Name}")),
            StringComparer.Ordinal);
        All = [.. options.Value.Subscriptions.Select(s => _endpoints[s.Name])];
    }

    /// <summary>Every endpoint, in configuration order.</summary>
    public IReadOnlyList<SubscriptionEndpoint> All { get; }

    /// <summary>The endpoint of the subscription named <paramref name="name"/>; false when none is configured.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out SubscriptionEndpoint? endpoint) =>
        _endpoints.TryGetValue(name, out endpoint);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var endpoint in All)
        {
            endpoint.Dispose();
        }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Streams.Telemetry;

namespace Streams.Delivery.Tests;

/// <summary>Which event types a subscription takes: its <c>Types</c> (empty = all) less its <c>ExcludeTypes</c>.</summary>
public sealed class SubscriptionTypeFilterTests
{
    [Theory]
    [InlineData("", "", "order.created", true)]
    [InlineData("order.created", "", "order.created", true)]
    [InlineData("order.created", "", "order.paid", false)]
    [InlineData("", "dev.streams.loadtest", "dev.streams.loadtest", false)]
    [InlineData("", "dev.streams.loadtest", "order.created", true)]
    [InlineData("order.created,order.paid", "order.paid", "order.paid", false)]
    [InlineData("", "Order.Created", "order.created", true)]
    public void Matches_TypesLessExcludeTypes(string types, string excluded, string type, bool expected)
    {
        // Arrange
        var options = new SubscriptionOptions { Name = "s", Url = "http://127.0.0.1:9/hook", Types = List(types), ExcludeTypes = List(excluded) };
        using var http = new HttpClient();
        using var endpoint = new SubscriptionEndpoint(
            options, new WebhookClient(http, TimeProvider.System), new StreamsMetrics(Prometheus.Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger.Instance);

        // Act
        var matches = endpoint.Matches(type);

        // Assert
        Assert.Equal(expected, matches);
    }

    private static List<string> List(string commaSeparated) => commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
}

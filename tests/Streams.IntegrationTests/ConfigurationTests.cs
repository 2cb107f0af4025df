using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>An unusable setting stops the service at start-up with exit code 2 and a message naming it.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Streams__Kafka__BootstrapServers", "", "Streams:Kafka:BootstrapServers")]
    [InlineData("Streams__Kafka__BootstrapServers", "not a server list", "Streams:Kafka:BootstrapServers")]
    [InlineData("Streams__Ingest__Url", "ftp://nowhere", "Streams:Ingest:Url")]
    [InlineData("Streams__Egress__Subscriptions__0__BatchSize", "-5", "Streams:Egress:Subscriptions:0:BatchSize")]
    [InlineData("Streams__Egress__Subscriptions__0__Url", "not-a-url", "Streams:Egress:Subscriptions:0:Url")]
    [InlineData("Streams__Egress__Subscriptions__0__Secret", "plain-text", "Streams:Egress:Subscriptions:0:Secret")]
    [InlineData("Streams__SchemaRegistry__Url", "", "Streams:SchemaRegistry:Url")]
    [InlineData("Streams__Receipts__MaxEvents", "0", "Streams:Receipts:MaxEvents")]
    [InlineData("Streams__Receipts__RetentionMs", "5", "Streams:Receipts:RetentionMs")]
    public Task Host_UnusableIngestOrEgressSetting_StopsAtStartNamingTheSetting(string variable, string value, string key) =>
        AssertStopsNamingAsync(
            "ingest,egress",
            new Dictionary<string, string>
            {
                ["Streams__Ingest__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["Streams__SchemaRegistry__Url"] = "http://127.0.0.1:9",
                ["Streams__Egress__Subscriptions__0__Name"] = "receiver",
                ["Streams__Egress__Subscriptions__0__Url"] = "http://127.0.0.1:9/hook",
                [variable] = value,
            },
            key);

    [Theory]
    [InlineData("Streams__Normaliser__Rules__0__DropAttributes__0", "id", "Streams:Normaliser:Rules:0:DropAttributes:0 drops the required attribute 'id'.")]
    [InlineData("Streams__Normaliser__Rules__0__RenameAttributes__custid", "Customer-Id", "Streams:Normaliser:Rules:0:RenameAttributes:custid must name a new attribute")]
    [InlineData("Streams__Normaliser__Rules__0__Drop", "true", "Streams:Normaliser:Rules:0:Drop would drop every event")]
    [InlineData("Streams__Normaliser__Schemas__Folder", "/no/such/schemas", "Streams:Normaliser:Schemas:Folder must be an existing folder")]
    [InlineData("Streams__Normaliser__Dedup__MaxIdsPerPartition", "0", "Streams:Normaliser:Dedup:MaxIdsPerPartition must be at least 1")]
    public Task Host_UnusableNormaliserSetting_StopsAtStartNamingTheSetting(string variable, string value, string message) =>
        AssertStopsNamingAsync(
            "normaliser",
            new Dictionary<string, string>
            {
                ["Streams__Host__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["Streams__SchemaRegistry__Url"] = "http://127.0.0.1:9",
                [variable] = value,
            },
            message);

    [Fact]
    public async Task Host_UnknownRole_StopsWithTheKnownRoles()
    {
        // Act
        await using var host = HostProcess.Start(["--roles", "ingest,teleporter"], new Dictionary<string, string>());
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains(host.Output, line => line.Contains("teleporter", StringComparison.Ordinal) && line.Contains("normaliser", StringComparison.Ordinal));
    }

    private static async Task AssertStopsNamingAsync(string roles, Dictionary<string, string> settings, string expected)
    {
        // Arrange
        var environment = new Dictionary<string, string> { ["Streams__Kafka__BootstrapServers"] = "127.0.0.1:9" };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        // Act
        await using var host = HostProcess.Start(["--roles", roles], environment);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains(host.Output, line => line.Contains(expected, StringComparison.Ordinal));
    }
}

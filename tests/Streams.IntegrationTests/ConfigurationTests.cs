using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>An unusable setting stops the service at start-up with a message naming it.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Streams__Kafka__BootstrapServers", "", "Streams:Kafka:BootstrapServers")]
    [InlineData("Streams__Kafka__BootstrapServers", "not a server list", "Streams:Kafka:BootstrapServers")]
    [InlineData("Streams__Ingest__Url", "ftp://nowhere", "Streams:Ingest:Url")]
    [InlineData("Streams__Egress__Subscriptions__0__BatchSize", "-5", "Streams:Egress:Subscriptions:0:BatchSize")]
    [InlineData("Streams__Egress__Subscriptions__0__Url", "not-a-url", "Streams:Egress:Subscriptions:0:Url")]
    [InlineData("Streams__Egress__Subscriptions__0__Secret", "plain-text", "Streams:Egress:Subscriptions:0:Secret")]
    public async Task Host_UnusableSetting_StopsAtStartNamingTheSetting(string variable, string value, string key)
    {
        // Arrange
        var environment = new Dictionary<string, string>
        {
            ["Streams__Kafka__BootstrapServers"] = "127.0.0.1:9",
            ["Streams__Ingest__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Streams__Egress__Subscriptions__0__Name"] = "receiver",
            ["Streams__Egress__Subscriptions__0__Url"] = "http://127.0.0.1:9/hook",
            [variable] = value,
        };

        // Act
        await using var host = HostProcess.Start(["--roles", "ingest,egress"], environment);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains(host.Output, line => line.Contains(key, StringComparison.Ordinal));
    }

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
}

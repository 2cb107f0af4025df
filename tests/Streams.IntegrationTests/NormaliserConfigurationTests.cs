using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>An unusable normaliser rule or schema setting stops the real host at start-up, naming the key.</summary>
public sealed class NormaliserConfigurationTests
{
    [Theory]
    [InlineData("Streams__Normaliser__Rules__0__DropAttributes__0", "id", "Streams:Normaliser:Rules:0:DropAttributes:0 drops the required attribute 'id'.")]
    [InlineData("Streams__Normaliser__Rules__0__RenameAttributes__custid", "Customer-Id", "Streams:Normaliser:Rules:0:RenameAttributes:custid must name a new attribute")]
    [InlineData("Streams__Normaliser__Rules__0__Drop", "true", "Streams:Normaliser:Rules:0:Drop would drop every event")]
    [InlineData("Streams__Normaliser__Schemas__Folder", "/no/such/schemas", "Streams:Normaliser:Schemas:Folder must be an existing folder")]
    [InlineData("Streams__Normaliser__Dedup__MaxIdsPerPartition", "0", "Streams:Normaliser:Dedup:MaxIdsPerPartition must be at least 1")]
    public async Task Host_UnusableNormaliserSetting_StopsAtStartNamingTheKey(string variable, string value, string message)
    {
        // Arrange
        var environment = new Dictionary<string, string>
        {
            ["Streams__Kafka__BootstrapServers"] = "127.0.0.1:9",
            ["Streams__Host__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            [variable] = value,
        };

        // Act
        await using var host = HostProcess.Start(["--roles", "normaliser"], environment);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains(host.Output, line => line.TrimStart().StartsWith(message, StringComparison.Ordinal));
    }
}

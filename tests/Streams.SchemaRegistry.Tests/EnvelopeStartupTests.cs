using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Envelope;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.SchemaRegistry.Tests;

/// <summary>How a service gets its envelope schema id at start-up: registering it, or using a configured id.</summary>
[Collection(RegistryTests.Name)]
public sealed class EnvelopeStartupTests(RegistryClusterFixture fixture)
{
    [Fact]
    public async Task Start_WithoutSchemaId_RegistersTheEnvelopeSchemaUnderItsSubject()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var http = server.CreateClient();
        using var host = Build(new() { ["Streams:SchemaRegistry:Url"] = server.Url.ToString() });

        // Act
        await host.StartAsync();
        var serializer = await host.Services.GetRequiredService<EnvelopeSerializerProvider>().GetAsync(CancellationToken.None);
        var (_, latest) = await http.SendAsync(HttpMethod.Get, $"subjects/{EnvelopeSchemas.DefaultSubject}/versions/latest");
        await host.StopAsync();

        // Assert
        Assert.Equal((int)latest!["id"]!, serializer.SchemaId);
    }

    [Fact]
    public async Task Start_WithSchemaId_UsesItAndRegistersNothing()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var http = server.CreateClient();
        var id = await http.RegisterOkAsync("provisioned-envelope", EnvelopeSchemas.CurrentJson);
        using var host = Build(new() { ["Streams:SchemaRegistry:Url"] = server.Url.ToString(), ["Streams:Envelope:SchemaId"] = $"{id}" });

        // Act
        await host.StartAsync();
        var serializer = host.Services.GetRequiredService<EnvelopeSerializerProvider>().Current;
        var (_, subjects) = await http.SendAsync(HttpMethod.Get, "subjects");
        await host.StopAsync();

        // Assert
        Assert.Equal(id, serializer?.SchemaId);
        Assert.Equal("""["provisioned-envelope"]""", subjects!.ToJsonString());
    }

    [Fact]
    public async Task Start_WithUnknownSchemaId_FailsNamingTheSetting()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var host = Build(new() { ["Streams:SchemaRegistry:Url"] = server.Url.ToString(), ["Streams:Envelope:SchemaId"] = "999" });

        // Act
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Streams:Envelope:SchemaId", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.InnerException is SchemaRegistryException { IsSchemaNotFound: true });
    }

    [Fact]
    public async Task Start_WithoutRegistryUrl_FailsValidationNamingTheSetting()
    {
        // Arrange
        using var host = Build([]);

        // Act
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Streams:SchemaRegistry:Url", failure.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddStreamsEnvelope();
        return builder.Build();
    }
}

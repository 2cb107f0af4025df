using Confluent.SchemaRegistry;
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
        var (_, latest) = await http.SendAsync(HttpMethod.Get, $"subjects/{EnvelopeSchemas.Subject}/versions/latest");
        await host.StopAsync();

        // Assert
        Assert.Equal((int)latest!["id"]!, serializer.SchemaId);
    }

    [Fact]
    public async Task Start_WithSchemaIdOfANewerEnvelope_WritesWithItAndRegistersNothing()
    {
        // Arrange: a deployment pipeline registered v2 (one more optional field); the service only knows v1.
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var http = server.CreateClient();
        var id = await http.RegisterOkAsync(EnvelopeSchemas.Subject, EnvelopeV2.Json);
        using var host = Build(new() { ["Streams:SchemaRegistry:Url"] = server.Url.ToString(), ["Streams:Envelope:SchemaId"] = $"{id}" });

        // Act
        await host.StartAsync();
        var serializer = host.Services.GetRequiredService<EnvelopeSerializerProvider>().Current;
        var value = serializer!.Serialize(new CloudEventEnvelope { Id = "e-1", Source = "/s", Type = "t" });
        using var reader = RegistryClients.For(server.Url);
        var readAsV2 = await EnvelopeV2.ReadAsLatestAsync(reader, value);
        var (_, versions) = await http.SendAsync(HttpMethod.Get, $"subjects/{EnvelopeSchemas.Subject}/versions");
        await host.StopAsync();

        // Assert: written with the v2 id, the new field at its default, and no v1 registered beside it.
        Assert.Equal(id, serializer.SchemaId);
        Assert.Equal(id, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(1)));
        Assert.Equal("e-1", (string)readAsV2["id"]);
        Assert.Null(readAsV2["tenant"]);
        Assert.Equal("[1]", versions!.ToJsonString());
    }

    [Fact]
    public async Task Start_WithUnknownSchemaId_FailsNamingTheSetting()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var host = Build(new() { ["Streams:SchemaRegistry:Url"] = server.Url.ToString(), ["Streams:Envelope:SchemaId"] = "999" });

        // Act
        var failure = await Assert.ThrowsAsync<EnvelopeSetupException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Streams:Envelope:SchemaId", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.InnerException is SchemaRegistryException { ErrorCode: RegistryFailures.SchemaNotFound });
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

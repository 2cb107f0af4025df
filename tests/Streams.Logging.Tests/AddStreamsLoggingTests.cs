using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Streams.Logging.Tests;

public class AddStreamsLoggingTests
{
    [Fact]
    public void AddStreamsLogging_NoOtlpEndpoint_RegistersNoTracerProvider()
    {
        // Arrange
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        // Act
        builder.AddStreamsLogging();
        using var host = builder.Build();

        // Assert
        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void AddStreamsLogging_OtlpEndpoint_ExportsTheHopSpans()
    {
        // Arrange
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Streams:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });

        // Act
        builder.AddStreamsLogging();
        using var host = builder.Build();

        // Assert
        Assert.NotNull(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void Validate_BadSettings_NamesEachSetting()
    {
        // Arrange
        var export = new StreamsTelemetryExportOptions { OtlpEndpoint = "collector:4317", OtlpProtocol = "udp", TraceSampleRatio = 2, ServiceName = "" };

        // Act
        var logging = new StreamsLoggingOptionsValidator().Validate(null, new StreamsLoggingOptions { Format = "xml" });
        var result = new StreamsTelemetryExportOptionsValidator().Validate(null, export);

        // Assert
        Assert.Equal(["Streams:Logging:Format must be 'json' or 'text', was 'xml'."], logging.Failures);
        Assert.Equal(
            [
                "Streams:Telemetry:OtlpEndpoint must be an absolute http(s) URL such as http://127.0.0.1:8080/hook, was 'collector:4317'.",
                "Streams:Telemetry:OtlpProtocol must be 'grpc' or 'http', was 'udp'.",
                "Streams:Telemetry:TraceSampleRatio must be between 0 and 1, was 2.",
                "Streams:Telemetry:ServiceName is required.",
            ],
            result.Failures);
        Assert.True(new StreamsTelemetryExportOptionsValidator().Validate(null, new StreamsTelemetryExportOptions()).Succeeded);
    }
}

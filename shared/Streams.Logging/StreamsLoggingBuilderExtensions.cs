using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Streams.Kafka;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Streams.Logging;

/// <summary>The host's one call for logs and traces.</summary>
public static class StreamsLoggingBuilderExtensions
{
    private const string TextTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Replaces the default log providers with Serilog writing to stdout (JSON lines by default, see
    /// <see cref="StreamsLoggingOptions"/>), with the current trace and span ids on every line; and, when
    /// <c>Streams:Telemetry:OtlpEndpoint</c> is set, exports the hops' spans (<see cref="HopTracing"/>) over OTLP.
    /// Metrics are not exported: they are prometheus-net's, served on <c>/metrics</c> (see Streams.Telemetry), which
    /// a collector can scrape with its Prometheus receiver.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddStreamsLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StreamsLoggingOptions>().BindConfiguration(StreamsLoggingOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StreamsLoggingOptions>, StreamsLoggingOptionsValidator>();
        builder.Services.AddOptions<StreamsTelemetryExportOptions>().BindConfiguration(StreamsTelemetryExportOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StreamsTelemetryExportOptions>, StreamsTelemetryExportOptionsValidator>();

        // Needed now, before the host is built; a bad value is reported by the validators at start.
        var logging = builder.Configuration.GetSection(StreamsLoggingOptions.SectionName).Get<StreamsLoggingOptions>() ?? new();
        var export = builder.Configuration.GetSection(StreamsTelemetryExportOptions.SectionName).Get<StreamsTelemetryExportOptions>() ?? new();

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(CreateLogger(logging.Format), dispose: true);
        // AddSerilog lets everything through to Serilog, expecting Serilog to filter; here the levels live in the
        // standard `Logging:LogLevel` configuration, so that catch-all rule is taken out again.
        builder.Services.PostConfigure<LoggerFilterOptions>(filters =>
            filters.Rules.Remove(filters.Rules.FirstOrDefault(rule =>
                rule.ProviderName == typeof(Serilog.Extensions.Logging.SerilogLoggerProvider).FullName && rule.CategoryName is null)!));
        if (Uri.TryCreate(export.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            AddOtlp(builder.Services, export, endpoint);
        }

        return builder;
    }

    /// <summary>The Serilog logger for <paramref name="format"/> (<c>text</c>, anything else is JSON).</summary>
    /// <param name="format">The output format.</param>
    /// <param name="output">Where to write; stdout when null.</param>
    /// <returns>The logger; levels are left to Microsoft.Extensions.Logging's filters.</returns>
    public static Serilog.Core.Logger CreateLogger(string format, TextWriter? output = null)
    {
        ITextFormatter formatter = format == "text"
            ? new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture)
            : new RenderedCompactJsonFormatter();
        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .WriteTo.Sink(new TextWriterSink(formatter, output ?? Console.Out))
            .CreateLogger();
    }

    private static void AddOtlp(IServiceCollection services, StreamsTelemetryExportOptions export, Uri endpoint)
    {
        var protocol = export.OtlpProtocol == "http" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(export.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(HopTracing.SourceName)
                // By trace id alone, so every hop keeps or drops the same traces.
                .SetSampler(new TraceIdRatioBasedSampler(Math.Clamp(export.TraceSampleRatio, 0, 1)))
                .AddOtlpExporter(otlp => Target(otlp, endpoint, protocol, "v1/traces")));
    }

    private static void Target(OtlpExporterOptions otlp, Uri endpoint, OtlpExportProtocol protocol, string httpPath)
    {
        otlp.Protocol = protocol;
        // The http/protobuf exporter posts to the URL as given, so it needs the signal's path; gRPC takes the base.
        otlp.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, httpPath) : endpoint;
    }
}

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Streams.Audit;
using Streams.Hosting;
using Streams.Host.Readiness;
using Streams.Ingest;
using Streams.Kafka;
using Streams.Logging;
using Streams.Receipts;
using Streams.Telemetry;

namespace Streams.Host;

/// <summary>What every Streams process has, whatever its roles: logging and spans, metrics, health, Kafka, the clock.</summary>
internal static class ServiceDefaults
{
    /// <summary>Roles that move events and so report audit counts.</summary>
    private const Role HopRoles = Role.Ingest | Role.Normaliser | Role.Egress | Role.Retrier;

    /// <summary>Registers the defaults; the listen address is ingest's when it runs, else the host's.</summary>
    public static WebApplicationBuilder AddStreamsServiceDefaults(this WebApplicationBuilder builder, Role roles)
    {
        builder.AddStreamsLogging();
        builder.WebHost.UseUrls(ListenUrl(builder.Configuration, roles));
        // Room to finish in-flight requests and hand off or commit consumed work before the producer is flushed and closed.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStreamsKafka();
        builder.Services.AddStreamsTelemetry();
        builder.Services.AddHealthChecks();
        // Every /readyz call would log each failing check again; the answer carries the reason, and the checks log
        // their own problems once when they change.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical);
        if ((roles & HopRoles) != Role.None)
        {
            // Before the hops, so its final flush runs after they have stopped (the receipt writer's too).
            builder.Services.AddStreamsAudit();
            builder.Services.AddStreamsReceipts();
        }

        return builder;
    }

    /// <summary>Maps <c>/healthz</c> (live), <c>/readyz</c> (every readiness check of the roles: Kafka, topics, registry) and <c>/metrics</c>.</summary>
    public static WebApplication MapStreamsServiceDefaults(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "live" }));
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTags.Ready),
            ResponseWriter = ReadinessResponse.WriteAsync,
        });
        app.MapPrometheusMetrics();
        return app;
    }

    private static string ListenUrl(ConfigurationManager configuration, Role roles) =>
        roles.HasFlag(Role.Ingest)
            ? configuration[$"{IngestOptions.SectionName}:{nameof(IngestOptions.Url)}"] ?? new IngestOptions().Url
            : configuration[$"{StreamsHostOptions.SectionName}:{nameof(StreamsHostOptions.Url)}"] ?? new StreamsHostOptions().Url;
}

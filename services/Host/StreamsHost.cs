using Microsoft.Extensions.Options;
using Streams.Audit;
using Streams.Auditor;
using Streams.Egress;
using Streams.Host.DemoReceiver;
using Streams.Ingest;
using Streams.Kafka;
using Streams.Logging;
using Streams.Normaliser;
using Streams.Retrier;
using Streams.SchemaRegistry;
using Streams.Telemetry;

namespace Streams.Host;

/// <summary>Composes the roles named on the command line into one process.</summary>
internal static class StreamsHost
{
    private const int ConfigurationErrorExitCode = 2;

    /// <summary>Roles that move events and so report audit counts.</summary>
    private const Role HopRoles = Role.Ingest | Role.Normaliser | Role.Egress | Role.Retrier;

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var (roles, roleError) = RoleSet.Parse(builder.Configuration["roles"] ?? builder.Configuration["Streams:Roles"]);
        if (roleError is not null)
        {
            await Console.Error.WriteLineAsync(roleError);
            return ConfigurationErrorExitCode;
        }

        builder.AddStreamsLogging();
        builder.WebHost.UseUrls(ListenUrl(builder.Configuration, roles));
        // Room to finish in-flight requests and hand off or commit consumed work before the producer is flushed and closed.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStreamsKafka();
        builder.Services.AddStreamsTelemetry();
        if ((roles & HopRoles) != Role.None)
        {
            // Before the hops, so its final flush runs after they have stopped.
            builder.Services.AddStreamsAudit();
        }
        if (roles.HasFlag(Role.Ingest))
        {
            builder.Services.AddIngest();
        }

        if (roles.HasFlag(Role.Normaliser))
        {
            builder.Services.AddNormaliser();
        }

        if (roles.HasFlag(Role.Egress))
        {
            builder.Services.AddEgress();
        }

        if (roles.HasFlag(Role.Retrier))
        {
            builder.Services.AddRetrier();
        }

        if (roles.HasFlag(Role.Auditor))
        {
            builder.Services.AddAuditor();
        }

        if (roles.HasFlag(Role.SchemaRegistry))
        {
            builder.Services.AddSchemaRegistry();
        }

        await using var app = builder.Build();
        app.MapGet("/healthz", () => Results.Ok(new { status = "live" }));
        app.MapPrometheusMetrics();
        if (roles.HasFlag(Role.Ingest))
        {
            app.MapIngest();
        }

        if (roles.HasFlag(Role.DemoReceiver))
        {
            app.MapDemoReceiver();
        }

        if (roles.HasFlag(Role.Auditor))
        {
            app.MapAuditor();
        }

        if (roles.HasFlag(Role.SchemaRegistry))
        {
            app.MapSchemaRegistry();
        }

        try
        {
            await app.StartAsync();
        }
        catch (Exception exception) when (InvalidSettings(exception) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync("Streams cannot start: the configuration is invalid.");
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync("  " + failure);
            }

            return ConfigurationErrorExitCode;
        }

        app.Logger.LogInformation("Streams running roles {Roles} at {Urls}", roles, string.Join(", ", app.Urls));
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// The messages of every invalid setting: start-up validation throws one <see cref="OptionsValidationException"/>
    /// when one section is invalid and an <see cref="AggregateException"/> of them when several are.
    /// </summary>
    private static List<string> InvalidSettings(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => [],
    };

    private static string ListenUrl(ConfigurationManager configuration, Role roles) =>
        roles.HasFlag(Role.Ingest)
            ? configuration[$"{IngestOptions.SectionName}:{nameof(IngestOptions.Url)}"] ?? new IngestOptions().Url
            : configuration[$"{StreamsHostOptions.SectionName}:{nameof(StreamsHostOptions.Url)}"] ?? new StreamsHostOptions().Url;
}

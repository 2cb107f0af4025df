using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streams.Auditor.Loss;
using Streams.Kafka.Topics;

namespace Streams.Auditor;

/// <summary>Wires the auditor role.</summary>
public static class AuditorServiceCollectionExtensions
{
    /// <summary>Registers the auditor's options, ledger, audit-topic consumer and loss evaluator.</summary>
    /// <param name="services">The service collection; needs <c>AddStreamsKafka</c> and <c>AddStreamsTelemetry</c>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddAuditor(this IServiceCollection services)
    {
        services.AddOptions<AuditorOptions>().BindConfiguration(AuditorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditorOptions>, AuditorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLedger>();
        services.AddSingleton<AuditConsumer>();
        services.AddSingleton<LossEvaluator>();
        services.AddRequiredTopics("auditor", topics => [topics.Audit]);
        services.AddHostedService(provider => provider.GetRequiredService<AuditConsumer>());
        services.AddHostedService(provider => provider.GetRequiredService<LossEvaluator>());
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Maps <c>GET /v1/loss?from=&amp;to=</c>.</summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapAuditor(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/loss", (string? from, string? to, AuditLedger ledger, IOptions<AuditorOptions> options, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var (start, end, error) = LossQuery.Parse(from, to, now, TimeSpan.FromMinutes(options.Value.MaxQueryMinutes));
            return error is not null
                ? Results.Problem(title: "Invalid loss query", detail: error, statusCode: StatusCodes.Status400BadRequest)
                : Results.Ok(LossReport.Create(ledger, options.Value, now, start, end));
        });
        return endpoints;
    }
}

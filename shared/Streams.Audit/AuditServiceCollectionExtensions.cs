using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streams.Kafka;

namespace Streams.Audit;

/// <summary>Registers the audit counting every hop does.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the process's <see cref="AuditRecorder"/> and the <see cref="AuditFlushService"/> that ships its counts
    /// to the audit topic. Needs <c>AddStreamsKafka</c> and <c>AddStreamsTelemetry</c>; call it before the hops' <c>AddX</c>
    /// so its final flush runs after they stopped.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddStreamsAudit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditRecorder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKafkaStatisticsListener, KafkaStatisticsMetrics>());
        services.TryAddSingleton<AuditFlushService>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditFlushService>());
        return services;
    }
}

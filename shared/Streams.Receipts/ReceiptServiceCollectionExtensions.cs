using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streams.Kafka;
using Streams.Kafka.Topics;

namespace Streams.Receipts;

/// <summary>Registers per-event receipts.</summary>
public static class ReceiptServiceCollectionExtensions
{
    /// <summary>
    /// Registers the process's <see cref="ReceiptWriter"/> and, while receipts are enabled, the receipts topic as one the
    /// process needs. Needs <c>AddStreamsKafka</c> and <c>AddStreamsTelemetry</c>; call it before the hops' <c>AddX</c>, so the
    /// writer is flushed after they stopped.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddStreamsReceipts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ReceiptOptions>().BindConfiguration(ReceiptOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReceiptOptions>, ReceiptOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReceiptDropLog>();
        if (services.Any(service => service.ServiceType == typeof(ReceiptWriter)))
        {
            return services;
        }

        services.AddSingleton<ReceiptWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<ReceiptWriter>());
        services.AddRequiredTopics(ReceiptWriter.TopicsRole, provider =>
            provider.GetRequiredService<IOptions<ReceiptOptions>>().Value.Enabled ? [provider.GetRequiredService<IOptions<KafkaOptions>>().Value.Topics.Receipts] : []);
        return services;
    }

    /// <summary>Registers the <see cref="ReceiptIndex"/> that answers lookups (the receipts role); it reads nothing while receipts are off.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddReceiptIndex(this IServiceCollection services)
    {
        services.AddStreamsReceipts();
        if (!services.Any(service => service.ServiceType == typeof(ReceiptIndex)))
        {
            services.AddSingleton<ReceiptIndex>();
            services.AddHostedService(provider => provider.GetRequiredService<ReceiptIndex>());
        }

        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Delivery;
using Streams.Envelope;
using Streams.Kafka.Topics;
using Streams.Receipts;

namespace Streams.Egress;

/// <summary>Wires the egress role.</summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>Registers egress's options, the shared delivery services (<see cref="DeliveryServiceCollectionExtensions.AddStreamsDelivery"/>) and the worker.</summary>
    public static IServiceCollection AddEgress(this IServiceCollection services)
    {
        services.AddOptions<EgressOptions>().BindConfiguration(EgressOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EgressOptions>, EgressOptionsValidator>();
        services.AddStreamsDelivery();
        services.AddStreamsEnvelope();
        services.AddStreamsReceipts();
        services.AddRequiredTopics("egress", topics => [topics.Normalised, .. topics.RetryTopics(), topics.DeadLetters, topics.Audit]);
        services.AddHostedService<EgressWorker>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Delivery;
using Streams.Envelope;
using Streams.Kafka.Topics;
using Streams.Receipts;

namespace Streams.Retrier;

/// <summary>Wires the retrier role. It shares egress's subscription endpoints, webhook client and failure writer (<see cref="DeliveryServiceCollectionExtensions.AddStreamsDelivery"/>).</summary>
public static class RetrierServiceCollectionExtensions
{
    /// <summary>Registers the retrier's options, deliverer and worker.</summary>
    public static IServiceCollection AddRetrier(this IServiceCollection services)
    {
        services.AddStreamsDelivery();
        services.AddOptions<RetrierOptions>().BindConfiguration(RetrierOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetrierOptions>, RetrierOptionsValidator>();
        services.AddStreamsEnvelope();
        services.AddSingleton<RetryDeliverer>();
        services.AddStreamsReceipts();
        services.AddRequiredTopics("retrier", topics => [.. topics.RetryTopics(), topics.DeadLetters, topics.Audit]);
        services.AddHostedService<RetrierWorker>();
        return services;
    }
}

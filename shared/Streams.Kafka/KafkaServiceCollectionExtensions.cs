using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Streams.Kafka;

/// <summary>Registers the Kafka plumbing every role shares.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="KafkaOptions"/> and registers the client factory and the shared producer.</summary>
    public static IServiceCollection AddStreamsKafka(this IServiceCollection services)
    {
        services.AddOptions<KafkaOptions>()
            .BindConfiguration(KafkaOptions.SectionName)
            .PostConfigure<IConfiguration>((kafka, configuration) => RetryTierSettings.Apply(kafka.Topics, configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddSingleton<KafkaClientFactory>();
        services.AddSingleton<ProducerHealth>();
        services.AddSingleton<KafkaProducerHandle>();
        return services;
    }
}

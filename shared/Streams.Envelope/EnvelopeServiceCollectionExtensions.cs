using Confluent.SchemaRegistry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Hosting;

namespace Streams.Envelope;

/// <summary>Registers what a hop needs to read and write envelopes.</summary>
public static class EnvelopeServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Streams:SchemaRegistry</c> and <c>Streams:Envelope</c>, and registers the caching registry client and
    /// the <see cref="EnvelopeSerializerProvider"/>, which gets the schema id at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddStreamsEnvelope(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(EnvelopeSerializerProvider)))
        {
            // Every hop role calls this; a process running several of them registers the schema once.
            return services;
        }

        services.AddOptions<SchemaRegistryClientOptions>().BindConfiguration(SchemaRegistryClientOptions.SectionName).ValidateOnStart();
        services.AddOptions<EnvelopeOptions>().BindConfiguration(EnvelopeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchemaRegistryClientOptions>, EnvelopeOptionsValidator>();
        services.AddSingleton<IValidateOptions<EnvelopeOptions>, EnvelopeOptionsValidator>();
        services.AddSingleton<ISchemaRegistryClient>(provider =>
            new CachedSchemaRegistryClient(provider.GetRequiredService<IOptions<SchemaRegistryClientOptions>>().Value.ToClientConfig()));
        services.AddSingleton<EnvelopeSerializerProvider>();
        services.AddHealthChecks().AddCheck<EnvelopeRegistryHealthCheck>("registry", tags: [ReadinessTags.Ready]);
        services.AddHostedService(provider => provider.GetRequiredService<EnvelopeSerializerProvider>());
        return services;
    }
}

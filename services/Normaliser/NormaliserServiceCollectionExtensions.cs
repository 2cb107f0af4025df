using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Envelope;
using Streams.Kafka.Topics;
using Streams.Normaliser.Deduplication;
using Streams.Normaliser.Normalisation;
using Streams.Receipts;

namespace Streams.Normaliser;

/// <summary>Wires the normaliser role.</summary>
public static class NormaliserServiceCollectionExtensions
{
    /// <summary>Registers the normaliser's options, rules, schemas, duplicate windows, handler and worker.</summary>
    public static IServiceCollection AddNormaliser(this IServiceCollection services)
    {
        services.AddOptions<NormaliserOptions>().BindConfiguration(NormaliserOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NormaliserOptions>, NormaliserOptionsValidator>();
        services.AddStreamsEnvelope();
        services.AddSingleton(provider =>
        {
            var envelopes = provider.GetRequiredService<EnvelopeSerializerProvider>();
            return new EventCodec(() => envelopes.Ready);
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<NormaliserOptions>>().Value;
            return new EventNormaliser(
                provider.GetRequiredService<EventCodec>(),
                new RuleSet(options.Rules),
                PayloadSchemas.Load(options.Schemas.Folder, options.Schemas.RejectUnknownTypes),
                options.MaxEventBytes,
                options.MaxExtensionNameLength);
        });
        services.AddSingleton<DuplicateWindows>();
        services.AddStreamsReceipts();
        services.AddSingleton<NormaliserBatchHandler>();
        services.AddRequiredTopics("normaliser", topics => [topics.Ingested, topics.Normalised, topics.DeadLetters, topics.Audit]);
        services.AddHostedService<NormaliserWorker>();
        return services;
    }
}

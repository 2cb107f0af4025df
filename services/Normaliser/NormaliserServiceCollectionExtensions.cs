using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Streams.Normaliser;

/// <summary>Wires the normaliser role.</summary>
public static class NormaliserServiceCollectionExtensions
{
    /// <summary>Registers the normaliser's options, handler and worker.</summary>
    public static IServiceCollection AddNormaliser(this IServiceCollection services)
    {
        services.AddOptions<NormaliserOptions>().BindConfiguration(NormaliserOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NormaliserOptions>, NormaliserOptionsValidator>();
        services.AddSingleton<NormaliserBatchHandler>();
        services.AddHostedService<NormaliserWorker>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Delivery;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Operations;

/// <summary>
/// The services an operator command uses, built the way the roles build theirs: Kafka clients from
/// <see cref="KafkaClientFactory"/> (so <c>Streams:Kafka:Client:*</c> settings such as <c>security.protocol</c> apply to
/// them too) and the process's <see cref="SubscriptionEndpoints"/>.
/// </summary>
internal static class OperatorServices
{
    public static ServiceProvider Build(OperatorConfiguration configuration) =>
        new ServiceCollection()
            // Diagnostics go to stderr: stdout carries only the command's result.
            .AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddSingleton(configuration.Configuration)
            .AddStreamsTelemetry()
            .AddStreamsEnvelope()
            .AddStreamsDelivery()
            .AddSingleton(provider => new KafkaClientFactory(Options.Create(configuration.Kafka), provider.GetRequiredService<ILoggerFactory>()))
            .BuildServiceProvider();
}

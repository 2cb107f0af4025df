using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streams.Audit;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// Hops simulated in the test process: they count events through a real <see cref="AuditRecorder"/> and ship the
/// counts with the real <see cref="AuditFlushService"/> and producer to the test's audit topic on the local cluster.
/// </summary>
public sealed class AuditingHops : IDisposable
{
    private readonly ServiceProvider _provider;

    public AuditingHops(LocalClusterFixture cluster, TopicOptions topics)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(topics);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streams:Kafka:BootstrapServers"] = cluster.BootstrapServers,
            ["Streams:Kafka:Topics:Prefix"] = topics.Prefix,
        }).Build();
        _provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddStreamsKafka()
            .AddStreamsTelemetry()
            .AddStreamsAudit()
            .BuildServiceProvider();
    }

    public AuditRecorder Recorder => _provider.GetRequiredService<AuditRecorder>();

    /// <summary>Counts <paramref name="ids"/> at a stage of a hop, all with the same event time.</summary>
    public AuditingHops Record(string hop, AuditStage stage, long eventTimeMs, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            Recorder.Record(hop, stage, eventTimeMs, EventIdentity.Of("/tests/audit", id));
        }

        return this;
    }

    /// <summary>Ships everything counted so far in one flush, and fails unless Kafka acknowledged it.</summary>
    public async Task FlushAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.True(await _provider.GetRequiredService<AuditFlushService>().FlushAsync(timeout.Token), "the audit flush was not acknowledged");
    }

    public void Dispose() => _provider.Dispose();
}

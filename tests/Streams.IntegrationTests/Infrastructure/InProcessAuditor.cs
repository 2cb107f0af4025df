using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Auditor;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// The auditor role hosted in the test process on a real Kestrel port, reading the test's audit topic from the local
/// cluster, with its logs captured. Stands in for <c>streams-host --roles auditor</c> until the host runs that role.
/// </summary>
public sealed class InProcessAuditor : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessAuditor(WebApplication app, CapturedLogs logs, string url)
    {
        _app = app;
        Logs = logs;
        Url = url;
    }

    public string Url { get; }

    public CapturedLogs Logs { get; }

    public static async Task<InProcessAuditor> StartAsync(LocalClusterFixture cluster, TopicOptions topics, int graceSeconds = 1, double thresholdPercent = 1)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(topics);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streams:Kafka:BootstrapServers"] = cluster.BootstrapServers,
            ["Streams:Kafka:Topics:Prefix"] = topics.Prefix,
            ["Streams:Auditor:GracePeriodSeconds"] = graceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Streams:Auditor:LossThresholdPercent"] = thresholdPercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Streams:Auditor:EvaluateIntervalMs"] = "200",
        });
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.WebHost.UseUrls(url);
        builder.Services.AddStreamsKafka();
        builder.Services.AddStreamsTelemetry();
        builder.Services.AddAuditor();
        var app = builder.Build();
        app.MapPrometheusMetrics();
        app.MapAuditor();
        await app.StartAsync();
        return new InProcessAuditor(app, logs, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

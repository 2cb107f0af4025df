using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Streams.Telemetry.Tests;

/// <summary>Feeds the writer's output to Prometheus' own parser and linter.</summary>
public class PromtoolTests
{
    private const string ExtraMeterName = "Streams.Tests.Promtool";

    private static readonly string[] TrickyValues =
    [
        "back\\slash", "double \"quote\"", "new\nline", "trailing\\", "ünïcødé ✓", "", "{braces}=,", "tab\there",
    ];

    [Fact]
    public async Task CheckMetrics_EveryInstrumentKindWithTrickyLabels_PassesWithoutComplaints()
    {
        using var provider = new ServiceCollection().AddStreamsTelemetry(ExtraMeterName).BuildServiceProvider();
        RecordEveryKind(provider);
        var exposition = PrometheusTextWriter.ToText(provider.GetRequiredService<MetricsCollector>().Collect());

        var (exitCode, output) = await RunPromtoolAsync(exposition);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool exited {exitCode}:\n{output}\n--- exposition ---\n{exposition}");
        Assert.Contains("# TYPE streams_lag_in_seconds histogram", exposition, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_", exposition, StringComparison.Ordinal);
    }

    private static void RecordEveryKind(IServiceProvider provider)
    {
        var metrics = provider.GetRequiredService<StreamsMetrics>();
        foreach (var value in TrickyValues)
        {
            metrics.RecordLagIn(value, TimeSpan.FromMilliseconds(3));
            metrics.RecordEndToEndLag(value, TimeSpan.FromMinutes(20));
            metrics.CountDelivery(value, "delivered");
            metrics.CountDeliveryAttempt(value, 503);
            metrics.CountRetry(value, RetryKind.Global);
            metrics.SetConsumerLag(value, 0, "group", 12);
            metrics.SetProducerQueueDepth(value, 0);
        }

        var meter = provider.GetRequiredService<IMeterFactory>().Create(ExtraMeterName);
        var dotted = new KeyValuePair<string, object?>("http.request.method", "GET");
        meter.CreateCounter<double>("promtool.jobs", "{job}", "Jobs\\done\nso far").Add(2.5, dotted);
        meter.CreateUpDownCounter<int>("promtool.in_flight_requests").Add(-1, dotted);
        meter.CreateHistogram<long>("promtool.payload_size_bytes", "By", "Payload sizes").Record(100, dotted);
        meter.CreateObservableCounter("promtool.bytes_read", () => 1024L, "By", "Bytes read");
        meter.CreateObservableGauge("promtool.temperature_celsius", () => double.NaN, "Cel", "Not measured yet");
        meter.CreateObservableUpDownCounter("promtool.pool_size", () => new Measurement<long>(3, dotted));
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string exposition)
    {
        var promtool = FindOnPath("promtool");
        if (promtool is null)
        {
            Assert.Fail("promtool is not on PATH: install it with `apt-get install -y prometheus` (CI installs it).");
        }

        var start = new ProcessStartInfo(promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}

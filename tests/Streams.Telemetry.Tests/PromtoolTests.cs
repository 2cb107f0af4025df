using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Streams.Telemetry.Tests;

/// <summary>Feeds the exposition of every Streams metric to Prometheus' own parser and linter.</summary>
public class PromtoolTests
{
    private static readonly string[] TrickyValues =
    [
        "back\\slash", "double \"quote\"", "new\nline", "trailing\\", "ünïcødé ✓", "", "{braces}=,", "tab\there",
    ];

    [Fact]
    public async Task CheckMetrics_EveryMetricWithTrickyLabels_PassesWithoutComplaints()
    {
        using var provider = Exposition.NewProvider();
        var metrics = provider.GetRequiredService<StreamsMetrics>();
        foreach (var value in TrickyValues)
        {
            Exposition.RecordEveryMetric(metrics, value);
        }

        var exposition = await Exposition.OfAsync(provider);
        var (exitCode, output) = await RunPromtoolAsync(exposition);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool exited {exitCode}:\n{output}\n--- exposition ---\n{exposition}");
        Assert.Contains("# TYPE streams_lag_in_seconds histogram", exposition, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_", exposition, StringComparison.Ordinal);
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

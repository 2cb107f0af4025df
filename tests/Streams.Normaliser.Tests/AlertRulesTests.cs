using System.Diagnostics;

namespace Streams.Normaliser.Tests;

/// <summary>Prometheus' own promtool checks the data-quality alert rules and runs their unit tests.</summary>
public class AlertRulesTests
{
    private static readonly string AlertsDirectory = Path.Combine(AppContext.BaseDirectory, "alerts");

    [Fact]
    public async Task CheckRules_NormaliserRules_Valid()
    {
        // Act
        var (exitCode, output) = await RunPromtoolAsync("check", "rules", "normaliser-rules.yaml");

        // Assert
        Assert.True(exitCode == 0, $"promtool check rules exited {exitCode}:\n{output}");
        Assert.Contains("SUCCESS: 5 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_SilentSpikeAndDropSeries_AlertExactlyAsExpected()
    {
        // Act
        var (exitCode, output) = await RunPromtoolAsync("test", "rules", "normaliser-rules.test.yaml");

        // Assert
        Assert.True(exitCode == 0, $"promtool test rules exited {exitCode}:\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(params string[] arguments)
    {
        var promtool = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists);
        if (promtool is null)
        {
            Assert.Fail("promtool is not on PATH: install it with `apt-get install -y prometheus` (CI installs it).");
        }

        var start = new ProcessStartInfo(promtool, arguments)
        {
            WorkingDirectory = AlertsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's <c>prometheus</c> binary on 127.0.0.1, scraping the given targets every second and evaluating the given
/// rule files, with its HTTP API for queries. Fails (not skips) when the binary is missing.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;
    private readonly StringBuilder _output = new();

    private PrometheusServer(Process process, string directory, string url)
    {
        _process = process;
        _directory = directory;
        Url = url;
        _http = new HttpClient { BaseAddress = new Uri(url + "/") };
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string> targetsByJob, IEnumerable<string> ruleFiles)
    {
        ArgumentNullException.ThrowIfNull(targetsByJob);
        var binary = Executables.Find("prometheus")
            ?? throw new InvalidOperationException("prometheus is not on PATH: install it with `apt-get install -y prometheus` (CI installs it).");
        var directory = Directory.CreateTempSubdirectory("streams-prometheus-").FullName;
        var config = new StringBuilder()
            .AppendLine("global:")
            .AppendLine("  scrape_interval: 1s")
            .AppendLine("  evaluation_interval: 1s")
            .AppendLine("rule_files:");
        foreach (var file in ruleFiles)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"  - '{file}'");
        }

        config.AppendLine("scrape_configs:");
        foreach (var (job, target) in targetsByJob)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"  - job_name: '{job}'")
                .AppendLine("    static_configs:")
                .AppendLine(CultureInfo.InvariantCulture, $"      - targets: ['{target}']");
        }

        var configFile = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, config.ToString());
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--config.file={configFile}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address={new Uri(url).Authority}",
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var server = new PrometheusServer(Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start"), directory, url);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>An instant query through <c>/api/v1/query</c>; the whole answer (status, data, error).</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(promql), UriKind.Relative));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var json = await _http.GetStringAsync(new Uri(path, UriKind.Relative));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("prometheus exited:\n" + Output);
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("prometheus did not become ready:\n" + Output);
            }

            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

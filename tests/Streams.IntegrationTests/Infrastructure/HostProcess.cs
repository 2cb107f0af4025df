using System.Collections.Concurrent;
using System.Diagnostics;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// The real host executable in a process of its own, so a test can SIGKILL it while the cluster,
/// hosted by the test process, lives on.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly Uri? _readiness;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(Process process, Uri? readiness)
    {
        _process = process;
        _readiness = readiness;
        _process.OutputDataReceived += (_, line) => Record(line.Data);
        _process.ErrorDataReceived += (_, line) => Record(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IEnumerable<string> Output => _output;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <param name="arguments">The host's command line.</param>
    /// <param name="environment">Settings for the process.</param>
    /// <param name="readiness">
    /// The host's /readyz, when it serves one at a known address: <see cref="WaitUntilRunningAsync"/> then also waits
    /// for it, since a host runs before its roles can work (the envelope schema, say, is registered just after start).
    /// </param>
    public static HostProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, Uri? readiness = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streams-host.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), readiness);
    }

    /// <summary>Waits for a line of output matching <paramref name="match"/>.</summary>
    public Task WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout) =>
        Eventually.WaitUntilAsync(
            () => _output.Any(match) || _process.HasExited,
            timeout,
            () => "expected output; got " + Tail());

    /// <summary>
    /// Waits until the roles are running and, when the host's /readyz is known, until it answers 200. A host that does
    /// not get there is killed before the wait throws, so a caller that had not taken it into an await-using yet leaks no process.
    /// </summary>
    public async Task WaitUntilRunningAsync()
    {
        try
        {
            await WaitUntilReadyAsync();
        }
        catch
        {
            Kill();
            throw;
        }
    }

    /// <summary>Waits until the host says its roles run, ready or not.</summary>
    public async Task WaitUntilStartedAsync()
    {
        await WaitForOutputAsync(line => line.Contains("Streams running roles", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        ThrowIfExited();
    }

    /// <summary>The host's last lines of output, for a failing test's message.</summary>
    public string Tail(int lines = 40) => "host output:\n" + string.Join('\n', _output.TakeLast(lines));

    private async Task WaitUntilReadyAsync()
    {
        await WaitUntilStartedAsync();
        if (_readiness is not null)
        {
            var last = "no answer yet";
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    (var ready, last) = await ReadinessAsync(_readiness);
                    return ready || _process.HasExited;
                },
                TimeSpan.FromSeconds(30),
                () => $"{_readiness} never answered 200; last: {last}\n{Tail()}");
            ThrowIfExited();
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no final commit, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Asks for a graceful stop (SIGTERM) and waits for it.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            await WaitForExitAsync(timeout);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<(bool Ready, string Answer)> ReadinessAsync(Uri readiness)
    {
        try
        {
            using var response = await Http.GetAsync(readiness);
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException exception)
        {
            return (false, exception.Message);
        }
        catch (TaskCanceledException)
        {
            return (false, "timed out");
        }
    }

    private void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException("The host exited:\n" + string.Join('\n', _output));
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}

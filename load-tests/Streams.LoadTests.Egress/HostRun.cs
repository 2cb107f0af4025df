using System.Diagnostics;
using System.Globalization;

namespace Streams.LoadTests.Egress;

/// <summary>The real streams-host executable running some roles in a process of its own.</summary>
internal sealed class HostRun : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostRun(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Watch(line.Data);
        _process.ErrorDataReceived += (_, line) => Watch(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static HostRun Start(string roles, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streams-host.dll"));
        start.ArgumentList.Add("--roles");
        start.ArgumentList.Add(roles);
        start.Environment["DOTNET_gcServer"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new HostRun(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public Task WaitUntilRunningAsync() => _running.Task.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>SIGTERM, so egress drains and commits like in production.</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private void Watch(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Streams running roles", StringComparison.Ordinal))
        {
            _running.TrySetResult();
        }
        else if (line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal) || line.Contains("warn:", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("  host: " + line);
        }
    }
}

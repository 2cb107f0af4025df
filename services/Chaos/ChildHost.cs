using System.Diagnostics;

namespace Streams.Chaos;

/// <summary>
/// One <c>streams-host</c> process (a role, or the dev cluster) started by the chaos run: its output goes to a log
/// file, and it can be SIGKILLed — no shutdown hooks, no final commit, no flush.
/// </summary>
internal sealed class ChildHost : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<string> _line = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<string, bool> _readyLine;
    private bool _closed;

    private ChildHost(Process process, StreamWriter log, string logFile, Func<string, bool> readyLine)
    {
        _process = process;
        _log = log;
        _readyLine = readyLine;
        _process.OutputDataReceived += (_, line) => Record(line.Data);
        _process.ErrorDataReceived += (_, line) => Record(line.Data);
        _process.Exited += (_, _) => _line.TrySetException(new InvalidOperationException($"streams-host {string.Join(' ', process.StartInfo.ArgumentList.Skip(1))} exited with {process.ExitCode}; see {logFile}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet streams-host.dll arguments…</c>; <paramref name="readyLine"/> tells the line that says it is up.</summary>
    public static ChildHost Start(string hostDll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile, Func<string, bool> readyLine)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The host reads appsettings.json from its content root, the folder it ships in.
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // Appended: a restarted role writes on in the same file.
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        try
        {
            return new ChildHost(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), log, logFile, readyLine);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>The ready line, once it has been written; throws when the process exits first or the time is up.</summary>
    public Task<string> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _line.Task.WaitAsync(timeout, cancellationToken);

    /// <summary>SIGKILL, and wait for the process to be gone.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }

        if (_readyLine(line))
        {
            _line.TrySetResult(line);
        }
    }
}

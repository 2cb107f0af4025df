using System.Diagnostics;

namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>
/// Runs a script of a tests/crosscheck/ folder with node. A missing node or npm package fails the test (it does not
/// skip it): `./streams test` installs both.
/// </summary>
public static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>tests/crosscheck/<paramref name="folder"/>, found above the test binaries.</summary>
    public static string Directory(string folder)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "crosscheck", folder);
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/crosscheck/{folder} not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Runs <c>node</c> in tests/crosscheck/<paramref name="folder"/> and answers what it printed.</summary>
    /// <param name="folder">The crosscheck folder, e.g. <c>avro</c>.</param>
    /// <param name="package">The npm package the script needs, checked for in the folder's node_modules.</param>
    /// <param name="arguments">The script and its arguments.</param>
    public static async Task<string> RunAsync(string folder, string package, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var directory = Directory(folder);
        if (!System.IO.Directory.Exists(Path.Combine(directory, "node_modules", package)))
        {
            throw new InvalidOperationException($"{package} is not installed: run `npm ci --prefix tests/crosscheck/{folder}` from the repository root.");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{arguments.FirstOrDefault()} failed ({process.ExitCode}): {await error}");
    }
}

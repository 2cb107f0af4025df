using System.Text.Json;

namespace Streams.DevCluster;

/// <summary>What a running <c>./streams dev-cluster</c> tells other processes about itself.</summary>
/// <param name="BootstrapServers">The brokers' addresses.</param>
/// <param name="ControlUrl">Base URL of the fault-injection control API.</param>
/// <param name="ProcessId">The cluster process, so a stale file can be told from a live one.</param>
public sealed record DevClusterState(string BootstrapServers, string ControlUrl, int ProcessId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the state atomically, so a reader never sees half a file.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads the state of a running cluster; null when there is none (no file, or its process is gone).</summary>
    public static DevClusterState? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<DevClusterState>(File.ReadAllText(path), Json);
        return state is not null && IsRunning(state.ProcessId) ? state : null;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

namespace Streams.DevCluster;

/// <summary>The <c>Streams:DevCluster</c> section: how <c>./streams dev-cluster</c> runs the local cluster.</summary>
public sealed class DevClusterOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:DevCluster";

    /// <summary>Number of brokers.</summary>
    public int Brokers { get; set; } = 3;

    /// <summary>Where the fault-injection control API listens (port 0: any free port).</summary>
    public string ControlUrl { get; set; } = "http://127.0.0.1:0";

    /// <summary>Where the running cluster's address is written, so the other commands can find it.</summary>
    public string StateFile { get; set; } = ".streams/dev-cluster.json";
}

namespace Streams.Ui.History;

/// <summary>The per-hop histograms the lag and process-duration charts are drawn from (shared/Streams.Telemetry names them).</summary>
internal static class HopHistograms
{
    public const string LagIn = "streams_lag_in_seconds";
    public const string LagOut = "streams_lag_out_seconds";
    public const string Process = "streams_process_duration_seconds";

    /// <summary>The quantile every chart shows.</summary>
    public const double Quantile = 0.95;

    public static IReadOnlyList<string> All { get; } = [LagIn, LagOut, Process];
}

namespace Streams.Telemetry;

/// <summary>Where a failed delivery is retried; the <c>kind</c> label of <c>streams_retries_total</c>.</summary>
public enum RetryKind
{
    /// <summary>Retried in place by the delivering worker, blocking its partition.</summary>
    Local,

    /// <summary>Handed to the retry topic so the partition moves on.</summary>
    Global,
}

namespace Streams.Receipts;

/// <summary>Per-event receipts: the <c>Streams:Receipts</c> configuration section.</summary>
public sealed class ReceiptOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Receipts";

    /// <summary>Whether the hops write receipts (and ingest answers <c>GET /v1/events/{source}/{id}</c> from them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>retention.ms</c> of the receipts topic: how long a receipt can be looked up at most.</summary>
    public long RetentionMs { get; set; } = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    /// <summary>
    /// Events the lookup index of an ingest process holds; past it the oldest are forgotten first. About 300 bytes
    /// each with one subscription (ReceiptStoreTests measures it), so the default costs some 150 MB of the ingest pod's
    /// 512 MiB limit.
    /// </summary>
    public int MaxEvents { get; set; } = 500_000;

    /// <summary>
    /// How long the receipt producer gathers records before it sends: receipts are status, not the delivery promise,
    /// so they wait for company and go in few, large, compressed requests.
    /// </summary>
    public int LingerMs { get; set; } = 50;
}

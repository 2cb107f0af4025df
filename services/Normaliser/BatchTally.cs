using Streams.Audit;
using Streams.Kafka;
using Streams.Normaliser.Deduplication;
using Streams.Normaliser.Normalisation;
using Streams.Receipts;

namespace Streams.Normaliser;

/// <summary>What one batch did, held back until its records are acknowledged so a retried batch is not counted twice.</summary>
internal sealed class BatchTally
{
    /// <summary>Ids passed in this batch, per window; added to the windows once acknowledged.</summary>
    public HashSet<(DuplicateWindow Window, string Key)> Keys { get; } = [];

    /// <summary>Windows already expired for this batch's clock.</summary>
    public HashSet<DuplicateWindow> Expired { get; } = [];

    /// <summary>Type and event time of each event passed.</summary>
    public List<(string Type, long? EventTimeMs)> Passed { get; } = [];

    /// <summary>The rule of each filtered event.</summary>
    public List<string> Filtered { get; } = [];

    /// <summary>The reason category of each dead-lettered event.</summary>
    public List<string> Invalid { get; } = [];

    /// <summary>What the loss auditor is told of each record: its stage, event time and identity.</summary>
    public List<(AuditStage Stage, long EventTimeMs, ulong Identity)> Audit { get; } = [];

    /// <summary>Each event's receipt, written once the batch is acknowledged; the position is filled by then.</summary>
    public List<(NormalisationResult Result, ReceiptOutcome Outcome, RecordPosition? Position)> Receipts { get; } = [];

    /// <summary>Events suppressed as duplicates.</summary>
    public int Duplicates { get; set; }
}

namespace Streams.Receipts;

/// <summary>What one stage did with one event: the value of a receipt record. Fields a stage has nothing for stay null.</summary>
/// <param name="Outcome">What became of the event there.</param>
/// <param name="TimeMs">When (ms since the epoch), once the stage's own output was acknowledged.</param>
public readonly record struct Receipt(ReceiptOutcome Outcome, long TimeMs)
{
    /// <summary>The partition the stage wrote the event to (accepted, normalised).</summary>
    public int? Partition { get; init; }

    /// <summary>The offset the stage wrote the event at (accepted, normalised).</summary>
    public long? Offset { get; init; }

    /// <summary>The receiver's last HTTP status; 0 when it did not answer (subscriptions).</summary>
    public int? Status { get; init; }

    /// <summary>HTTP requests made for the event so far (subscriptions).</summary>
    public int? Attempts { get; init; }

    /// <summary>The <c>webhook-id</c> of the batch the event went in (subscriptions).</summary>
    public string? WebhookId { get; init; }

    /// <summary>The retry tier the event waits in, e.g. <c>30s</c> (retrying).</summary>
    public string? Tier { get; init; }

    /// <summary>When the next attempt is due, ms since the epoch (retrying).</summary>
    public long? NextAttemptMs { get; init; }

    /// <summary>Why it was dead-lettered or is retrying.</summary>
    public string? Reason { get; init; }
}

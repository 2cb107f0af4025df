namespace Streams.Receipts;

/// <summary>The names outcomes have in the receipts API (<c>GET /v1/events/{source}/{id}</c>).</summary>
public static class ReceiptOutcomeNames
{
    /// <summary>The outcome's API name, e.g. <c>dead-lettered</c>.</summary>
    public static string Of(ReceiptOutcome outcome) => outcome switch
    {
        ReceiptOutcome.Accepted => "accepted",
        ReceiptOutcome.Normalised => "normalised",
        ReceiptOutcome.Filtered => "filtered",
        ReceiptOutcome.Duplicate => "duplicate",
        ReceiptOutcome.DeadLettered => "dead-lettered",
        ReceiptOutcome.Delivered => "delivered",
        ReceiptOutcome.Retrying => "retrying",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a receipt outcome."),
    };
}

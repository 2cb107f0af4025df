namespace Streams.Receipts;

/// <summary>
/// The stages that write receipts, as they appear in a receipt's key: the index keeps the latest receipt of each
/// (event, stage), so every stage of an event stays answerable.
/// </summary>
public static class ReceiptStages
{
    /// <summary>Ingest: the event is on the ingested topic.</summary>
    public const string Accepted = "accepted";

    /// <summary>The normaliser: normalised, filtered or dead-lettered.</summary>
    public const string Normaliser = "normaliser";

    /// <summary>
    /// The normaliser suppressed a copy as a duplicate. A stage of its own, so a sender's retry never overwrites the
    /// receipt of the copy that went through.
    /// </summary>
    public const string Duplicate = "normaliser:duplicate";

    /// <summary>The prefix of a subscription's stage, written by egress and the retrier.</summary>
    public const string SubscriptionPrefix = "subscription:";

    /// <summary>The stage of one subscription's delivery, e.g. <c>subscription:shop</c>.</summary>
    public static string Subscription(string name) => SubscriptionPrefix + name;
}

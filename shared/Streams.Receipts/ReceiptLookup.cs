namespace Streams.Receipts;

/// <summary>What the index knows of one event, decoded.</summary>
/// <param name="Accepted">Ingest's receipt, if any.</param>
/// <param name="Normaliser">The normaliser's, if any.</param>
/// <param name="Duplicate">The normaliser's latest duplicate of the event (a resent copy it suppressed), if any.</param>
/// <param name="Subscriptions">Each subscription's latest, by name.</param>
/// <param name="Behind">
/// Receipt records the index has not read yet in the event's partition (as of its last look at the end): when the
/// event is not found and this is above 0, its receipts may be among them.
/// </param>
/// <param name="Started">False until the index has assigned the topic's partitions and looked at where they end.</param>
public sealed record ReceiptLookup(
    Receipt? Accepted,
    Receipt? Normaliser,
    Receipt? Duplicate,
    IReadOnlyList<KeyValuePair<string, Receipt>> Subscriptions,
    long Behind,
    bool Started)
{
    /// <summary>True when any stage's receipt is known.</summary>
    public bool Found => Accepted is not null || Normaliser is not null || Duplicate is not null || Subscriptions.Count > 0;
}

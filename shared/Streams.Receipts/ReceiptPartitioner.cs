namespace Streams.Receipts;

/// <summary>
/// The receipts partition of an event: chosen from its identity, not from the record's key (which names the stage
/// too), so every stage of one event lands in one partition and a reader of that partition sees the event whole.
/// </summary>
public static class ReceiptPartitioner
{
    /// <summary>The partition of the event with <paramref name="identity"/> among <paramref name="partitions"/>.</summary>
    public static int For(ulong identity, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        return (int)(identity % (ulong)partitions);
    }
}

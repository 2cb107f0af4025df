namespace Streams.Receipts;

/// <summary>What became of an event at one stage; the byte is its code in a receipt's value.</summary>
public enum ReceiptOutcome : byte
{
    /// <summary>Ingest wrote it to the ingested topic and Kafka acknowledged it.</summary>
    Accepted = 1,

    /// <summary>The normaliser wrote it, canonical, to the normalised topic.</summary>
    Normalised = 2,

    /// <summary>A normaliser rule dropped it on purpose.</summary>
    Filtered = 3,

    /// <summary>The normaliser suppressed it: its (source, id) passed within the duplicate window.</summary>
    Duplicate = 4,

    /// <summary>Parked in the dead-letter topic, with the reason.</summary>
    DeadLettered = 5,

    /// <summary>The subscription's receiver answered 2xx.</summary>
    Delivered = 6,

    /// <summary>Waiting in a retry tier for its next attempt.</summary>
    Retrying = 7,
}

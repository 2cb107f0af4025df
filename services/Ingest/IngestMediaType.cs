namespace Streams.Ingest;

/// <summary>The request body shapes ingest accepts.</summary>
public enum IngestMediaType
{
    /// <summary><c>application/cloudevents-batch+json</c> or <c>application/json</c>: a JSON array of events.</summary>
    Batch,

    /// <summary><c>application/cloudevents+json</c>: one structured event.</summary>
    SingleEvent,
}

namespace Streams.Chaos;

/// <summary>One second of a row at the receiver: events first received in it and their end-to-end p95.</summary>
internal sealed record SecondLag(long Received, TimeSpan P95);

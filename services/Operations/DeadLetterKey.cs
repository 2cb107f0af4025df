namespace Streams.Operations;

/// <summary>How dead letters are grouped in <c>./streams dlq list</c>.</summary>
/// <param name="Subscription">The subscription it was meant for ("" for poison records no subscription could take).</param>
/// <param name="Reason">Why it was dead-lettered.</param>
/// <param name="Status">The last HTTP status (0: no answer, or not a delivery failure).</param>
public sealed record DeadLetterKey(string Subscription, string Reason, string Status);

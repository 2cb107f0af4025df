namespace Streams.Ui.DeadLetters;

/// <summary>The body of <c>POST /ui/api/deadletters/redrive</c>.</summary>
/// <param name="Subscription">The subscription whose dead letters go back (required, as for <c>./streams dlq redrive</c>).</param>
/// <param name="Reason">Only dead letters whose reason contains this text; null for any.</param>
/// <param name="Confirm">Must be true: the page sets it only after the operator confirmed the count in its dialog.</param>
internal sealed record RedriveRequest(string? Subscription, string? Reason, bool? Confirm);

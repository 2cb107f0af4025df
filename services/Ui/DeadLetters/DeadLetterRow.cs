namespace Streams.Ui.DeadLetters;

/// <summary>One group of dead letters on the page: what <c>./streams dlq list</c> prints as a line.</summary>
/// <param name="Subscription">The subscription they were meant for; empty for records no subscription could take.</param>
/// <param name="Reason">Why they were dead-lettered.</param>
/// <param name="Status">The last HTTP status.</param>
/// <param name="Count">How many.</param>
/// <param name="Redriven">How many of them were redriven already (a redrive sends the others).</param>
internal sealed record DeadLetterRow(string Subscription, string Reason, string Status, long Count, long Redriven);

namespace Streams.Ingest.Receipts;

/// <summary>The event's latest state for one subscription.</summary>
public sealed record SubscriptionView(
    string Name, string State, int? Status, int? Attempts, string? WebhookId, string Time, string? Tier, string? NextAttemptAt, string? Reason);

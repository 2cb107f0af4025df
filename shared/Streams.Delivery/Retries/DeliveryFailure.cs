namespace Streams.Delivery.Retries;

/// <summary>Why a batch was not delivered: what a retry-tier record or a dead letter carries in its headers (DESIGN §2).</summary>
/// <param name="Subscription">The subscription (<c>st-subscription</c>); empty for events no subscription could read.</param>
/// <param name="Attempts">Delivery attempts made so far, over every tier (<c>st-attempt</c>).</param>
/// <param name="LastStatus">The last HTTP status, 0 when there was no answer (<c>st-last-status</c>).</param>
/// <param name="Reason">Why, for people (<c>st-reason</c>).</param>
/// <param name="FirstFailure">When the first attempt failed (<c>st-first-failure</c>).</param>
public sealed record DeliveryFailure(string Subscription, int Attempts, int LastStatus, string Reason, DateTimeOffset FirstFailure);

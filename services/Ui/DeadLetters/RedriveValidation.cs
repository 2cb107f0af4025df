using Streams.Operations;

namespace Streams.Ui.DeadLetters;

/// <summary>Turns a redrive request into the filter <see cref="RedriveCommand"/> runs, or says what is wrong with it.</summary>
internal static class RedriveValidation
{
    public static (RedriveFilter? Filter, string? Error) Validate(RedriveRequest? request, IReadOnlyCollection<string> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (request is null)
        {
            return (null, "The body must be a JSON object: {\"subscription\": \"name\", \"reason\": \"text or null\", \"confirm\": true}.");
        }

        if (string.IsNullOrWhiteSpace(request.Subscription))
        {
            return (null, "'subscription' is required: a redrive sends one subscription's dead letters back.");
        }

        if (!subscriptions.Contains(request.Subscription))
        {
            var known = subscriptions.Count == 0 ? "none" : string.Join(", ", subscriptions);
            return (null, $"Unknown subscription '{request.Subscription}'; configured: {known}.");
        }

        if (request.Confirm is not true)
        {
            return (null, "'confirm' must be true: a redrive re-delivers events, so it is sent only once an operator confirmed how many.");
        }

        return (new RedriveFilter(request.Subscription, string.IsNullOrEmpty(request.Reason) ? null : request.Reason, null), null);
    }
}

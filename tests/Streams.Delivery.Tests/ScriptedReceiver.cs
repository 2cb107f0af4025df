using System.Collections.Concurrent;
using System.Net;

namespace Streams.Delivery.Tests;

/// <summary>
/// A receiver in process: answers each request with the status its script gives for that batch's n-th request
/// (counted per <c>webhook-id</c>), and counts every request it saw.
/// </summary>
internal sealed class ScriptedReceiver(Func<int, HttpStatusCode> statusForAttempt) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private int _requests;

    /// <summary>Every request made so far, over all batches.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var attempt = _attempts.AddOrUpdate(request.Headers.GetValues("webhook-id").Single(), 1, (_, seen) => seen + 1);
        return Task.FromResult(new HttpResponseMessage(statusForAttempt(attempt)));
    }
}

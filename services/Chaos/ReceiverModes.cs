using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Streams.LoadTest;

namespace Streams.Chaos;

/// <summary>How the chaos receiver misbehaves during a receiver row's fault window (DESIGN §2 "Webhook deliveries").</summary>
internal static class ReceiverModes
{
    /// <summary>Every request answered with <paramref name="status"/>, with <c>Retry-After</c> when given.</summary>
    public static ReceiverGate Status(int status, TimeSpan? retryAfter = null) => request =>
    {
        if (retryAfter is { } delay)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return ValueTask.FromResult<IResult?>(Results.StatusCode(status));
    };

    /// <summary>
    /// No answer for <paramref name="hold"/> (longer than the subscription's time-out), then 503: egress has given up by
    /// then, so these events count as not received — as they would be when a receiver times out before doing its work.
    /// </summary>
    public static ReceiverGate Hang(TimeSpan hold) => async request =>
    {
        try
        {
            await Task.Delay(hold, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Egress timed out and closed the connection: exactly the fault.
        }

        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    };

    /// <summary>Every request answered 200, after <paramref name="delay"/>.</summary>
    public static ReceiverGate Slow(TimeSpan delay) => async request =>
    {
        await Task.Delay(delay, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return null;
    };

    /// <summary>
    /// 500 to the first <paramref name="failures"/> attempts of each batch, then 200; a batch is known by its
    /// <c>webhook-id</c>, which stays the same across the retries of one batch.
    /// </summary>
    public static ReceiverGate Flaky(int failures)
    {
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        return request =>
        {
            var batch = request.Headers["webhook-id"].ToString();
            var attempt = attempts.AddOrUpdate(batch, 1, (_, seen) => seen + 1);
            return ValueTask.FromResult(attempt <= failures ? Results.StatusCode(StatusCodes.Status500InternalServerError) : null);
        };
    }
}

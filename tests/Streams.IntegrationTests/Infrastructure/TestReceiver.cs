using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>A real webhook receiver on Kestrel that records every event id it is sent.</summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _deliveries = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Func<ReceivedRequest, CancellationToken, Task<ReceiverAnswer>> _answer;
    private int _concurrent;
    private int _maxConcurrent;

    private TestReceiver(WebApplication app, Func<ReceivedRequest, CancellationToken, Task<ReceiverAnswer>> answer)
    {
        _app = app;
        _answer = answer;
    }

    /// <summary>The webhook URL to subscribe.</summary>
    public string Url => _app.Urls.First() + "/hook";

    /// <summary>Distinct event ids received.</summary>
    public int DistinctCount => _deliveries.Count;

    public IReadOnlyDictionary<string, int> Deliveries => _deliveries;

    public IEnumerable<ReceivedRequest> Requests => _requests;

    /// <summary>The most requests that were being handled at the same time.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    /// <summary>Starts a receiver; <paramref name="answer"/> picks the status per request (default 200).</summary>
    public static Task<TestReceiver> StartAsync(Func<ReceivedRequest, int>? answer = null) =>
        StartAsync((request, _) => Task.FromResult(new ReceiverAnswer(answer?.Invoke(request) ?? StatusCodes.Status200OK)));

    /// <summary>
    /// Starts a receiver whose <paramref name="answer"/> may take its time (a slow or hanging receiver)
    /// and may ask for a Retry-After.
    /// </summary>
    public static async Task<TestReceiver> StartAsync(Func<ReceivedRequest, CancellationToken, Task<ReceiverAnswer>> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TestReceiver(app, answer);
        app.MapPost("/hook", (Func<HttpContext, Task<IResult>>)receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    public bool HasAll(IEnumerable<string> ids) => ids.All(_deliveries.ContainsKey);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var concurrent = Interlocked.Increment(ref _concurrent);
        try
        {
            var seen = Volatile.Read(ref _maxConcurrent);
            while (concurrent > seen && Interlocked.CompareExchange(ref _maxConcurrent, concurrent, seen) != seen)
            {
                seen = Volatile.Read(ref _maxConcurrent);
            }

            return await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var ids = JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        var received = new ReceivedRequest(
            _requests.Count + 1,
            body,
            ids,
            request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
        _requests.Enqueue(received);
        var answer = await _answer(received, context.RequestAborted);
        var status = answer.Status;
        if (answer.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status is >= 200 and < 300)
        {
            foreach (var id in ids)
            {
                _deliveries.AddOrUpdate(id, 1, (_, count) => count + 1);
            }
        }

        return Results.StatusCode(status);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Streams.LoadTests.Egress;

/// <summary>
/// The no-op webhook receiver: reads the body and answers 200. It counts requests and events (by their
/// <c>specversion</c> member) and, when asked, records each event's end-to-end lag (receipt − its <c>time</c>).
/// </summary>
internal sealed class BenchReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;
    private long _events;
    private long _firstTicks;
    private long _lastTicks;

    private BenchReceiver(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First() + "/hook");

    public long Requests => Interlocked.Read(ref _requests);

    public long Events => Interlocked.Read(ref _events);

    /// <summary>Time between the first and the last request since <see cref="Reset"/>.</summary>
    public TimeSpan ActiveTime => TimeSpan.FromTicks(Interlocked.Read(ref _lastTicks) - Interlocked.Read(ref _firstTicks));

    /// <summary>Where lags go; null records none (parsing every event costs CPU the throughput run needs).</summary>
    public LagRecorder? Lags { get; set; }

    public static async Task<BenchReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new BenchReceiver(app);
        app.MapPost("/hook", (Func<HttpRequest, Task<IResult>>)receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _events, 0);
        Interlocked.Exchange(ref _firstTicks, 0);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream((int)(request.ContentLength ?? 4096));
        await request.Body.CopyToAsync(buffer);
        var now = DateTimeOffset.UtcNow;
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        Interlocked.Add(ref _events, body.Count("\"specversion\""u8));
        Interlocked.CompareExchange(ref _firstTicks, now.UtcTicks, 0);
        Interlocked.Exchange(ref _lastTicks, now.UtcTicks);
        Interlocked.Increment(ref _requests);
        if (Lags is { } lags)
        {
            foreach (var element in JsonDocument.Parse(buffer.ToArray()).RootElement.EnumerateArray())
            {
                lags.Record(element.GetProperty("time").GetDateTimeOffset(), now);
            }
        }

        return Results.Ok();
    }
}

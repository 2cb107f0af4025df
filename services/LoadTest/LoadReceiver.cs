using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Streams.LoadTest;

/// <summary>
/// The load test's own webhook receiver: answers every POST with 200 and hands each event of this run, with its
/// end-to-end lag (receipt − the event's time), to the current run's ledger — unless a <see cref="ReceiverGate"/>
/// answers the request otherwise (the chaos matrix's misbehaving receivers), when its events count as not received.
/// </summary>
internal sealed class LoadReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private RunUnderTest? _run;
    private ReceiverGate? _gate;
    private long _foreign;
    private long _malformed;

    private LoadReceiver(WebApplication app) => _app = app;

    /// <summary>Events received that belong to no run of this load test (another sender's, or an earlier run's).</summary>
    public long Foreign => Interlocked.Read(ref _foreign);

    /// <summary>Requests whose body was not a JSON array of events.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Starts listening on <paramref name="listen"/> (e.g. <c>http://127.0.0.1:8099</c>).</summary>
    public static async Task<LoadReceiver> StartAsync(Uri listen, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(listen.GetLeftPart(UriPartial.Authority));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoadReceiver(app);
        app.MapPost("/{**path}", (Func<HttpRequest, Task<IResult>>)receiver.ReceiveAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return receiver;
    }

    /// <summary>Routes receipts of a run's events to its ledger from now on; other events count as foreign.</summary>
    public void RecordInto(RunUnderTest run) => Volatile.Write(ref _run, run);

    /// <summary>Lets <paramref name="gate"/> answer every request from now on; null answers 200 again.</summary>
    public void AnswerWith(ReceiverGate? gate) => Volatile.Write(ref _gate, gate);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream((int)(request.ContentLength ?? 16_384));
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (Volatile.Read(ref _gate) is { } gate && await gate(request).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var run = Volatile.Read(ref _run);
        var now = run?.Clock.Now ?? DateTimeOffset.UtcNow;
        try
        {
            WebhookBodyReader.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), (id, time) =>
            {
                if (run is not null && run.Ids.TryParse(id, out var sequence))
                {
                    run.Ledger.Receive(sequence, now - time, run.Clock.SecondOf(now));
                }
                else
                {
                    Interlocked.Increment(ref _foreign);
                }
            });
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _malformed);
            return Results.BadRequest();
        }

        return Results.Ok();
    }
}

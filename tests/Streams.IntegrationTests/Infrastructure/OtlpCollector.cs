using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>A real OTLP/HTTP trace receiver on Kestrel (<c>POST /v1/traces</c>, protobuf) that keeps every span it is sent.</summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();

    private OtlpCollector(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as the OTLP endpoint; the exporter adds <c>v1/traces</c>.</summary>
    public string Url => _app.Urls.First();

    public IReadOnlyList<ExportedSpan> Spans => [.. _spans];

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/traces", (Func<HttpContext, Task<IResult>>)collector.ReceiveAsync);
        await app.StartAsync();
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        foreach (var span in OtlpTraceDecoder.Decode(buffer.ToArray()))
        {
            _spans.Enqueue(span);
        }

        // An empty ExportTraceServiceResponse: everything accepted.
        return Results.Bytes([], "application/x-protobuf");
    }
}

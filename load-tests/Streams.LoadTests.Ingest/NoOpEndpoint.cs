using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Streams.LoadTests.Ingest;

/// <summary>The HTTP ceiling: a Kestrel endpoint that reads the body and answers 200, nothing else.</summary>
internal sealed class NoOpEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NoOpEndpoint(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First() + "/noop");

    public static async Task<NoOpEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/noop", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Ok();
        });
        await app.StartAsync();
        return new NoOpEndpoint(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

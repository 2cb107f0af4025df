using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Streams.Kafka;
using Streams.Telemetry;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.Ui.Tests;

/// <summary>The ui role alone on a real Kestrel port, with one subscription ("shop") and a Kafka nobody listens on.</summary>
internal sealed class UiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private UiHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public static async Task<UiHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Requests that are refused never reach Kafka; nothing listens here.
            ["Streams:Kafka:BootstrapServers"] = "127.0.0.1:9",
            ["Streams:Egress:Subscriptions:0:Name"] = "shop",
            ["Streams:Egress:Subscriptions:0:Url"] = "http://127.0.0.1:9/hook",
            ["Streams:Ui:RequireApiKey"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        // What the host gives every role (services/Host/ServiceDefaults.cs) that the ui role uses.
        builder.Services.AddStreamsKafka().AddStreamsTelemetry().AddUi();
        var app = builder.Build();
        app.MapUi();
        await app.StartAsync();
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        return new UiHost(app, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

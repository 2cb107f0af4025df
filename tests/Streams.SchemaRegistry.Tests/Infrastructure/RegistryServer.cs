using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>A registry replica on real Kestrel (127.0.0.1, a free port) over a topic of the local cluster.</summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _log = new();
    private int _requests;

    private RegistryServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests this replica has answered, to see what a client's cache saves.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>
    /// The requests answered, oldest first, as <c>GET /subjects?deleted=true 200</c>, with <c>(no route)</c> after those
    /// no endpoint took: what a client calls.
    /// </summary>
    public IReadOnlyCollection<string> Requests => _log;

    public HttpClient CreateClient() => new() { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };

    /// <param name="bootstrapServers">The cluster holding the registry's topic.</param>
    /// <param name="topic">The registry's topic (its whole state).</param>
    /// <param name="settings">More configuration, by key.</param>
    /// <param name="url">Where to listen; a free port by default, a fixed one to bring a registry back where its clients look.</param>
    public static async Task<RegistryServer> StartAsync(string bootstrapServers, string topic, IReadOnlyDictionary<string, string>? settings = null, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Streams:Kafka:BootstrapServers"] = bootstrapServers;
        builder.Configuration["Streams:SchemaRegistry:Topic"] = topic;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.Configuration[key] = value;
        }
        builder.Services.AddStreamsTelemetry();
        builder.Services.AddStreamsKafka();
        builder.Services.AddSchemaRegistry();
        var app = builder.Build();
        var server = new RegistryServer(app);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref server._requests);
            // Logged as the answer starts, so a request is in the log before its client has the answer.
            context.Response.OnStarting(() =>
            {
                var routed = context.GetEndpoint() is null ? " (no route)" : "";
                server._log.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Response.StatusCode}{routed}");
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.MapSchemaRegistry();
        app.MapPrometheusMetrics();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Url = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

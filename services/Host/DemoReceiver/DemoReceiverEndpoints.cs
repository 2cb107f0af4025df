using System.Text.Json;

namespace Streams.Host.DemoReceiver;

/// <summary>
/// A receiver for trying Streams out: logs every event it is sent, so `./streams up` shows the
/// whole path working without a receiver of one's own.
/// </summary>
internal static class DemoReceiverEndpoints
{
    public const string Path = "/demo/receiver";

    public static IEndpointRouteBuilder MapDemoReceiver(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async (HttpRequest request, ILoggerFactory loggers) =>
        {
            var logger = loggers.CreateLogger("Streams.DemoReceiver");
            using var batch = await JsonDocument.ParseAsync(request.Body);
            foreach (var received in batch.RootElement.EnumerateArray())
            {
                logger.LogInformation(
                    "Demo receiver got event {Id} of type {Type} from {Source} (webhook-id {WebhookId}): {Event}",
                    received.GetProperty("id").GetString(),
                    received.GetProperty("type").GetString(),
                    received.GetProperty("source").GetString(),
                    request.Headers["webhook-id"].ToString(),
                    received.GetRawText());
            }

            return Results.NoContent();
        });
        return endpoints;
    }
}

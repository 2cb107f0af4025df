using System.Net.Http.Headers;
using System.Text.Json;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Builds CloudEvents batches and posts them to ingest.</summary>
public static class CloudEventBatches
{
    private static readonly MediaTypeHeaderValue BatchMediaType = new("application/cloudevents-batch+json");

    public static IReadOnlyList<object> Create(string prefix, int count, string type = "test.created", DateTimeOffset? time = null) =>
        [.. Enumerable.Range(0, count).Select(index => new
        {
            specversion = "1.0",
            id = $"{prefix}-{index}",
            source = "/tests/" + prefix,
            type,
            time = (time ?? DateTimeOffset.UtcNow).ToString("O"),
            partitionkey = $"key-{index % 16}",
            data = new { index, text = "hello" },
        })];

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string ingestUrl, IReadOnlyList<object> events)
    {
        ArgumentNullException.ThrowIfNull(http);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(events));
        content.Headers.ContentType = BatchMediaType;
        return await http.PostAsync(new Uri(ingestUrl + "/v1/events"), content);
    }
}

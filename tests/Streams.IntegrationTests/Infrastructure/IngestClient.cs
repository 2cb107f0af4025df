using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Raw requests to ingest, so tests control every byte and header.</summary>
public sealed class IngestClient(string ingestUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(ingestUrl + "/") };

    public Task<HttpResponseMessage> PostAsync(object events, string? apiKey = null, string contentType = "application/cloudevents-batch+json") =>
        PostBytesAsync(JsonSerializer.SerializeToUtf8Bytes(events), apiKey, contentType);

    public Task<HttpResponseMessage> PostTextAsync(string body, string? apiKey = null, string contentType = "application/cloudevents-batch+json") =>
        PostBytesAsync(Encoding.UTF8.GetBytes(body), apiKey, contentType);

    public async Task<HttpResponseMessage> PostBytesAsync(byte[] body, string? apiKey = null, string contentType = "application/cloudevents-batch+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return await _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>The RFC 7807 body of an answer.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>Raw REST calls as a Confluent client makes them, answering status and parsed body.</summary>
public static class RegistryHttp
{
    public const string MediaType = "application/vnd.schemaregistry.v1+json";

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string path, object? body = null, string mediaType = MediaType)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, mediaType);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(MediaType, response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> RegisterAsync(this HttpClient client, string subject, string schema) =>
        client.SendAsync(HttpMethod.Post, $"subjects/{subject}/versions", new { schema });

    public static async Task<int> RegisterOkAsync(this HttpClient client, string subject, string schema)
    {
        var (status, body) = await client.RegisterAsync(subject, schema);
        Assert.True(status == HttpStatusCode.OK, $"Register answered {status}: {body}");
        return (int)body!["id"]!;
    }

    public static void AssertError(this (HttpStatusCode Status, JsonNode? Body) answer, HttpStatusCode status, int errorCode)
    {
        Assert.True(answer.Status == status && (int?)answer.Body?["error_code"] == errorCode, $"Expected {(int)status} {errorCode}, got {(int)answer.Status} {answer.Body}");
        Assert.False(string.IsNullOrEmpty((string?)answer.Body!["message"]));
    }
}

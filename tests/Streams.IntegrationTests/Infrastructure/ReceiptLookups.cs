using System.Net;
using System.Text.Json;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Asks ingest's <c>GET /v1/events/{source}/{id}</c>, each part URL-encoded as a browser would.</summary>
public static class ReceiptLookups
{
    public static Uri For(string ingestUrl, string source, string id) =>
        new($"{ingestUrl}/v1/events/{Uri.EscapeDataString(source)}/{Uri.EscapeDataString(id)}");

    /// <summary>One lookup: the status, the media type and the body (JSON, or an empty object when there is none).</summary>
    public static async Task<(HttpStatusCode Status, string? MediaType, JsonElement Body)> GetAsync(
        HttpClient http, string ingestUrl, string source, string id, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, For(ingestUrl, source, id));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>Asks until the answer is 200 and <paramref name="until"/> holds, within <paramref name="timeout"/>; returns that answer.</summary>
    public static async Task<JsonElement> WaitForAsync(
        HttpClient http, string ingestUrl, string source, string id, Func<JsonElement, bool> until, TimeSpan timeout, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(until);
        (HttpStatusCode Status, string? MediaType, JsonElement Body) last = default;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                last = await GetAsync(http, ingestUrl, source, id, apiKey);
                return last.Status == HttpStatusCode.OK && until(last.Body);
            },
            timeout,
            () => $"the receipt of {source}/{id} is {(int)last.Status} {last.Body}");
        return last.Body;
    }

    /// <summary>The subscription's entry, or null when the answer has none for it.</summary>
    public static JsonElement? Subscription(JsonElement receipt, string name) =>
        receipt.TryGetProperty("subscriptions", out var subscriptions)
            ? subscriptions.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(s => s!.Value.GetProperty("name").GetString() == name)
            : null;

    /// <summary>The subscription's <c>state</c>, or null.</summary>
    public static string? StateOf(JsonElement receipt, string name) =>
        Subscription(receipt, name) is { } subscription ? subscription.GetProperty("state").GetString() : null;
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Streams.Avro;

namespace Streams.Envelope;

/// <summary>
/// A caching client for the Confluent Schema Registry REST API (ours or Confluent's). Ids and schemas never change
/// once assigned, so both directions are cached for the life of the process: a hop asks the registry once per
/// schema id it meets and once per schema it registers. Failures are not cached.
/// </summary>
public sealed class SchemaRegistryClient : ISchemaRegistryClient, IDisposable
{
    /// <summary>The registry's own media type, which Confluent's clients send and accept.</summary>
    public const string MediaType = "application/vnd.schemaregistry.v1+json";

    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<int, AvroSchema> _schemasById = new();
    private readonly ConcurrentDictionary<(string Subject, string Schema), int> _idsBySchema = new();
    private int _requestCount;

    /// <summary>Creates a client for the configured registry.</summary>
    /// <param name="options">The registry's URL and request timeout.</param>
    public SchemaRegistryClient(IOptions<SchemaRegistryClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _http = new HttpClient
        {
            BaseAddress = new Uri(settings.Url.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromMilliseconds(settings.RequestTimeoutMs),
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
    }

    /// <summary>How many requests reached the registry; the cache keeps this at one per id and schema.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <inheritdoc />
    public AvroSchema GetSchema(int id)
    {
        if (_schemasById.TryGetValue(id, out var cached))
        {
            return cached;
        }

        // A synchronous Send, not sync-over-async: deserializers run on consumer threads that are allowed to block.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"schemas/ids/{id}");
        using var body = Send(request, id);
        return Remember(id, body.RootElement);
    }

    /// <inheritdoc />
    public async Task<AvroSchema> GetSchemaAsync(int id, CancellationToken cancellationToken)
    {
        if (_schemasById.TryGetValue(id, out var cached))
        {
            return cached;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"schemas/ids/{id}");
        using var body = await SendAsync(request, id, cancellationToken).ConfigureAwait(false);
        return Remember(id, body.RootElement);
    }

    /// <inheritdoc />
    public async Task<int> RegisterAsync(string subject, string schemaJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schemaJson);
        if (_idsBySchema.TryGetValue((subject, schemaJson), out var known))
        {
            return known;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"subjects/{Uri.EscapeDataString(subject)}/versions")
        {
            Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["schema"] = schemaJson }), Encoding.UTF8, MediaType),
        };
        using var body = await SendAsync(request, subject, cancellationToken).ConfigureAwait(false);
        var id = body.RootElement.GetProperty("id").GetInt32();
        _idsBySchema[(subject, schemaJson)] = id;
        _schemasById.TryAdd(id, AvroSchema.Parse(schemaJson));
        return id;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <exception cref="AvroSchemaException">The registry holds something other than an Avro schema under the id.</exception>
    private AvroSchema Remember(int id, JsonElement body)
    {
        var text = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.String
            ? schema.GetString()!
            : throw new SchemaRegistryException($"The registry's answer for schema id {id} has no schema.");
        return _schemasById.GetOrAdd(id, AvroSchema.Parse(text));
    }

    private JsonDocument Send(HttpRequestMessage request, object what)
    {
        HttpResponseMessage response;
        try
        {
            Interlocked.Increment(ref _requestCount);
            response = _http.Send(request);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw Unavailable(what, ex);
        }

        using (response)
        {
            using var stream = response.Content.ReadAsStream();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return Read(response.StatusCode, copy.ToArray(), what);
        }
    }

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, object what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            Interlocked.Increment(ref _requestCount);
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unavailable(what, ex);
        }

        using (response)
        {
            return Read(response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), what);
        }
    }

    private SchemaRegistryException Unavailable(object what, Exception cause) =>
        new($"The schema registry at {_http.BaseAddress} did not answer a request about {what}: {cause.Message}", cause);

    private static JsonDocument Read(HttpStatusCode status, byte[] content, object what)
    {
        JsonDocument? body = null;
        try
        {
            body = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            if ((int)status is >= 200 and < 300)
            {
                throw new SchemaRegistryException($"The schema registry answered a request about {what} with something other than JSON: {ex.Message}", ex);
            }

            // An error page from a proxy rather than the registry: reported below by its status alone.
        }

        if ((int)status is >= 200 and < 300)
        {
            return body!;
        }

        using (body)
        {
            var root = body?.RootElement;
            var isObject = root?.ValueKind == JsonValueKind.Object;
            var errorCode = isObject && root!.Value.TryGetProperty("error_code", out var code) && code.TryGetInt32(out var value) ? value : (int)status;
            var message = isObject && root!.Value.TryGetProperty("message", out var text) ? text.GetString() : null;
            throw new SchemaRegistryException(status, errorCode, $"The schema registry refused a request about {what}: {(int)status} {errorCode} {message}");
        }
    }
}

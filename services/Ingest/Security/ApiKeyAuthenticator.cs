using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Streams.Ingest.Security;

/// <summary>
/// Finds the sender of a request from its API key (<c>Authorization: Bearer KEY</c> or <c>X-API-Key: KEY</c>).
/// The presented key is hashed and compared with every configured hash in constant time, so neither
/// timing nor position reveals anything; the key itself is never stored or logged.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    private const string ApiKeyHeader = "X-API-Key";
    private const string BearerPrefix = "Bearer ";
    private readonly bool _required;
    private readonly (byte[] Hash, Sender Sender)[] _keys;

    /// <summary>Reads the configured keys.</summary>
    public ApiKeyAuthenticator(IOptions<IngestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _required = options.Value.RequireApiKey;
        _keys = [.. options.Value.ApiKeys.Select(key =>
        {
            // Malformed hashes stop the service at start-up (IngestOptionsValidator); one here matches nothing.
            _ = ApiKeyHash.TryParse(key.Sha256, out var hash);
            return (hash, new Sender(key.Name, key.Sources, key.RateLimitPerSecond));
        })];
    }

    /// <summary>The sender, or null when the request has no key or an unknown one.</summary>
    public Sender? Authenticate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = PresentedKey(request);
        if (presented is null)
        {
            return _required ? null : Sender.Anonymous;
        }

        var hash = ApiKeyHash.Of(presented);
        Sender? match = null;
        foreach (var (configured, sender) in _keys)
        {
            // No early exit: every request costs the same comparisons, whichever key (if any) matches.
            if (CryptographicOperations.FixedTimeEquals(hash, configured))
            {
                match = sender;
            }
        }

        return match ?? (_required ? null : Sender.Anonymous);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }

        return request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } key ? key : null;
    }
}

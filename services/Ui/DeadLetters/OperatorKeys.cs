using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Streams.Ingest.Security;

namespace Streams.Ui.DeadLetters;

/// <summary>
/// Who may redrive: with <see cref="UiOptions.RequireApiKey"/>, a caller presenting one of the configured operator keys
/// (<c>Authorization: Bearer KEY</c>), compared by SHA-256 in constant time against every key; otherwise anyone.
/// </summary>
internal sealed class OperatorKeys(IOptions<UiOptions> options)
{
    private const string BearerPrefix = "Bearer ";

    private readonly (string Name, byte[] Hash)[] _keys = [.. options.Value.OperatorKeys.Select(key =>
    {
        // Malformed hashes stop the service at start (UiOptionsValidator); one here matches nothing.
        _ = ApiKeyHash.TryParse(key.Sha256, out var hash);
        return (key.Name, hash);
    })];

    public bool Required => options.Value.RequireApiKey;

    /// <summary>The operator's name; "anonymous" when no key is required; null when the key is missing or unknown.</summary>
    public string? Authenticate(string? authorization)
    {
        if (!Required)
        {
            return "anonymous";
        }

        if (authorization is null || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var presented = ApiKeyHash.Of(authorization[BearerPrefix.Length..].Trim());
        // Every key is compared, so the time taken does not say which one (if any) matched.
        return _keys.Aggregate((string?)null, (match, key) => CryptographicOperations.FixedTimeEquals(presented, key.Hash) ? key.Name : match);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Streams.Delivery;

/// <summary>
/// Signs webhook requests per Standard Webhooks (https://www.standardwebhooks.com/):
/// <c>v1,</c> + base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")).
/// </summary>
public sealed class WebhookSigner
{
    private const string SecretPrefix = "whsec_";
    private readonly byte[] _key;

    /// <summary>A signer for a <c>whsec_</c> secret.</summary>
    public WebhookSigner(string secret)
    {
        if (!TryParseSecret(secret, out var key))
        {
            throw new ArgumentException("A Standard Webhooks secret is 'whsec_' followed by base64.", nameof(secret));
        }

        _key = key;
    }

    /// <summary>Decodes a <c>whsec_</c> secret to its key bytes.</summary>
    public static bool TryParseSecret(string secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The <c>webhook-signature</c> header value for one request.</summary>
    public string Sign(string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(_key, content));
    }
}

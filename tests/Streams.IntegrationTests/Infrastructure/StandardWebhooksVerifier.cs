using System.Security.Cryptography;
using System.Text;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// The receiver's side of Standard Webhooks, written from the spec independently of the signer
/// under test: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the base64 key after "whsec_".
/// </summary>
public static class StandardWebhooksVerifier
{
    public static bool IsValid(string secret, ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue("webhook-id", out var id)
            || !request.Headers.TryGetValue("webhook-timestamp", out var timestamp)
            || !request.Headers.TryGetValue("webhook-signature", out var signatures))
        {
            return false;
        }

        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(request.Body).ToArray();
        var expected = Convert.ToBase64String(hmac.ComputeHash(signed));
        return signatures.Split(' ').Any(signature => signature == "v1," + expected);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Streams.Ingest.Security;

/// <summary>SHA-256 of API keys: configuration holds only these, so a leaked config leaks no key.</summary>
public static class ApiKeyHash
{
    /// <summary>The SHA-256 of a presented key.</summary>
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Decodes a configured hex hash.</summary>
    public static bool TryParse(string? hex, out byte[] hash)
    {
        hash = [];
        if (hex is not { Length: 64 })
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

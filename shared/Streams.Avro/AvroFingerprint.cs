using System.Security.Cryptography;
using System.Text;

namespace Streams.Avro;

/// <summary>Fingerprints of a schema's Parsing Canonical Form, as defined by the specification.</summary>
public static class AvroFingerprint
{
    /// <summary>The CRC-64-AVRO fingerprint of empty input, which also seeds the computation.</summary>
    public const ulong Empty = 0xc15d213aa4d7a795UL;

    private static readonly ulong[] Table = BuildTable();

    /// <summary>The 64-bit Rabin fingerprint (CRC-64-AVRO) of the schema's canonical form.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The fingerprint; single-object encoding writes it little-endian.</returns>
    public static ulong Crc64(AvroSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Crc64(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));
    }

    /// <summary>The 64-bit Rabin fingerprint (CRC-64-AVRO) of arbitrary bytes.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The fingerprint.</returns>
    public static ulong Crc64(ReadOnlySpan<byte> data)
    {
        var fingerprint = Empty;
        foreach (var b in data)
        {
            fingerprint = (fingerprint >> 8) ^ Table[(int)(fingerprint ^ b) & 0xFF];
        }

        return fingerprint;
    }

    /// <summary>The SHA-256 digest of the schema's canonical form.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Sha256(AvroSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return SHA256.HashData(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));
    }

    /// <summary>The MD5 digest of the schema's canonical form: an identifier the spec defines, not a security measure.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>16 bytes.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "The spec's MD5 schema fingerprint identifies a schema; it protects nothing.")]
    public static byte[] Md5(AvroSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return MD5.HashData(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < table.Length; i++)
        {
            var fingerprint = (ulong)i;
            for (var bit = 0; bit < 8; bit++)
            {
                fingerprint = (fingerprint >> 1) ^ (Empty & (0UL - (fingerprint & 1)));
            }

            table[i] = fingerprint;
        }

        return table;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// The 64-bit identity of an event that the audit digests are built from: the first 8 bytes (little-endian) of
/// SHA-256 over the UTF-8 of <c>source + U+001F + id</c>, which is what makes an event unique in CloudEvents.
/// </summary>
/// <remarks>
/// Ingest computes it once and stamps it on the record as the <see cref="Header"/> header, which every later hop
/// copies, so downstream hops read 8 bytes instead of parsing the event. SHA-256 rather than a faster hash because
/// it is computed once per event, spreads ids evenly (a sum of such values only collides by accident) and anyone
/// can recompute it, e.g. <c>printf 'src\x1fid' | sha256sum</c>.
/// </remarks>
public static class EventIdentity
{
    /// <summary>The record header holding the identity as 8 bytes, big-endian like the other numeric headers.</summary>
    public const string Header = "st-event-hash";

    private const char Separator = '\u001f';
    private const int StackLimit = 512;

    /// <summary>The identity of the event with this <paramref name="source"/> and <paramref name="id"/>.</summary>
    /// <param name="source">The CloudEvents <c>source</c>.</param>
    /// <param name="id">The CloudEvents <c>id</c>.</param>
    /// <returns>The 64-bit identity.</returns>
    public static ulong Of(string source, string id)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        var length = Encoding.UTF8.GetMaxByteCount(source.Length + id.Length + 1);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(source, buffer);
            buffer[written++] = (byte)Separator;
            written += Encoding.UTF8.GetBytes(id, buffer[written..]);
            return OfUtf8(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The identity from the bytes it is hashed over, for readers that hold them already (a receipt's key).</summary>
    /// <param name="sourceSeparatorId">UTF-8 of <c>source + U+001F + id</c>.</param>
    /// <returns>The 64-bit identity, the same as <see cref="Of"/> gives.</returns>
    public static ulong OfUtf8(ReadOnlySpan<byte> sourceSeparatorId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(sourceSeparatorId, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    /// <summary>Writes the identity header, replacing an earlier one.</summary>
    /// <param name="headers">The record's headers.</param>
    /// <param name="identity">The identity from <see cref="Of"/>.</param>
    // Same 8-byte big-endian encoding as the time headers, so their writer and reader serve here too.
    public static void Stamp(Headers headers, ulong identity) => headers.SetMilliseconds(Header, unchecked((long)identity));

    /// <summary>Reads the identity header.</summary>
    /// <param name="headers">The record's headers.</param>
    /// <param name="identity">The identity, when present and well formed.</param>
    /// <returns>False when the header is missing or not 8 bytes.</returns>
    public static bool TryRead(Headers? headers, out ulong identity)
    {
        var found = headers.TryGetMilliseconds(Header, out var value);
        identity = unchecked((ulong)value);
        return found;
    }
}

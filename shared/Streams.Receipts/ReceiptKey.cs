using System.Text;
using Streams.Kafka;

namespace Streams.Receipts;

/// <summary>
/// A receipt record's key: UTF-8 of <c>stage U+001F source U+001F id</c>. Unique per (event, stage), so compaction
/// keeps the latest of each stage; what follows the stage is exactly what <see cref="EventIdentity"/> hashes, so a
/// reader finds the event's identity from the key's bytes without decoding a string.
/// </summary>
public static class ReceiptKey
{
    private const byte Separator = 0x1f;

    /// <summary>The key of <paramref name="stage"/>'s receipt for the event (<paramref name="source"/>, <paramref name="id"/>).</summary>
    public static byte[] Encode(string stage, string source, string id)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        var key = new byte[Encoding.UTF8.GetByteCount(stage) + Encoding.UTF8.GetByteCount(source) + Encoding.UTF8.GetByteCount(id) + 2];
        var written = Encoding.UTF8.GetBytes(stage, key);
        key[written++] = Separator;
        written += Encoding.UTF8.GetBytes(source, key.AsSpan(written));
        key[written++] = Separator;
        Encoding.UTF8.GetBytes(id, key.AsSpan(written));
        return key;
    }

    /// <summary>The event's identity, the same as <see cref="EventIdentity.Of"/> of its source and id.</summary>
    public static ulong Identity(byte[] key) => EventIdentity.OfUtf8(Event(key));

    /// <summary>Splits a key into its stage (as UTF-8) and the event's identity; false when it is not a receipt key.</summary>
    public static bool TryRead(ReadOnlySpan<byte> key, out ReadOnlySpan<byte> stage, out ulong identity)
    {
        var first = key.IndexOf(Separator);
        if (first <= 0 || key[(first + 1)..].IndexOf(Separator) < 0)
        {
            stage = default;
            identity = 0;
            return false;
        }

        stage = key[..first];
        identity = EventIdentity.OfUtf8(key[(first + 1)..]);
        return true;
    }

    private static ReadOnlySpan<byte> Event(byte[] key) => key.AsSpan(key.AsSpan().IndexOf(Separator) + 1);
}

using System.Text;
using Streams.Kafka;

namespace Streams.Receipts;

/// <summary>
/// A receipt's key within its record (<see cref="ReceiptBatchCodec"/>): UTF-8 of <c>stage U+001F source U+001F id</c>.
/// Unique per (event, stage), so the index keeps the latest of each stage; what follows the stage is exactly what <see cref="EventIdentity"/> hashes, so a
/// reader finds the event's identity from the key's bytes without decoding a string.
/// </summary>
public static class ReceiptKey
{
    private const byte Separator = 0x1f;

    /// <summary>The key of <paramref name="stage"/>'s receipt for the event (<paramref name="source"/>, <paramref name="id"/>).</summary>
    public static byte[] Encode(string stage, string source, string id)
    {
        var key = new byte[Length(stage, source, id)];
        Write(stage, source, id, key);
        return key;
    }

    /// <summary>How many bytes the key takes.</summary>
    public static int Length(string stage, string source, string id)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        return Encoding.UTF8.GetByteCount(stage) + Encoding.UTF8.GetByteCount(source) + Encoding.UTF8.GetByteCount(id) + 2;
    }

    /// <summary>Writes the key into <paramref name="key"/>, which holds exactly <see cref="Length"/> bytes.</summary>
    public static void Write(string stage, string source, string id, Span<byte> key)
    {
        var written = Encoding.UTF8.GetBytes(stage, key);
        key[written++] = Separator;
        written += Encoding.UTF8.GetBytes(source, key[written..]);
        key[written++] = Separator;
        Encoding.UTF8.GetBytes(id, key[written..]);
    }

    /// <summary>The event's identity, the same as <see cref="EventIdentity.Of"/> of its source and id.</summary>
    public static ulong Identity(ReadOnlySpan<byte> key) => EventIdentity.OfUtf8(key[(key.IndexOf(Separator) + 1)..]);

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
}

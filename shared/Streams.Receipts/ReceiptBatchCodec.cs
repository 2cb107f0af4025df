using System.Buffers.Binary;

namespace Streams.Receipts;

/// <summary>
/// The value of a receipt record: the receipts of one write that fall in one partition, one after another, each its
/// entry key (<see cref="ReceiptKey"/>) and value (<see cref="ReceiptValueCodec"/>) with uint16 little-endian lengths,
/// after a version byte <c>2</c>. Many receipts to a record because a Kafka record per receipt cost the hot path as much
/// as the event itself (docs/benchmarks.md, "Receipts"). The record has no key of its own: its partition is set.
/// </summary>
public static class ReceiptBatchCodec
{
    /// <summary>The first byte of a batch value.</summary>
    public const byte Version = 2;

    /// <summary>Bytes one entry takes besides its key and value.</summary>
    public const int EntryOverhead = 4;

    /// <summary>Writes one entry's two lengths; the key and value follow in the given sizes.</summary>
    public static void WriteLengths(Span<byte> lengths, int keyLength, int valueLength)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(lengths, checked((ushort)keyLength));
        BinaryPrimitives.WriteUInt16LittleEndian(lengths[2..], checked((ushort)valueLength));
    }

    /// <summary>Calls <paramref name="entry"/> with each entry's key and value; false when the value is not a whole batch.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, EntryAction entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (value.IsEmpty || value[0] != Version)
        {
            return false;
        }

        var at = 1;
        while (at < value.Length)
        {
            if (value.Length - at < EntryOverhead)
            {
                return false;
            }

            var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(value[at..]);
            var valueLength = BinaryPrimitives.ReadUInt16LittleEndian(value[(at + 2)..]);
            at += EntryOverhead;
            if (value.Length - at < keyLength + valueLength)
            {
                return false;
            }

            entry(value.Slice(at, keyLength), value.Slice(at + keyLength, valueLength));
            at += keyLength + valueLength;
        }

        return true;
    }

    /// <summary>What <see cref="TryRead"/> calls for each entry.</summary>
    public delegate void EntryAction(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);
}

using System.Buffers.Binary;
using System.Text;

namespace Streams.Receipts;

/// <summary>
/// A receipt record's value, a small binary layout: version 1, outcome, time (int64), a byte of flags saying which
/// optional fields follow, then those fields in flag order — partition (int32), offset (int64), status (int32),
/// attempts (int32), webhook id, tier (UTF-8, uint16 length), next attempt (int64), reason (UTF-8, uint16 length, at
/// most <see cref="MaxReasonChars"/> characters); integers little-endian. Binary rather than JSON because the hops
/// write one per event per stage, and the lookup index holds these bytes as they came.
/// </summary>
public static class ReceiptValueCodec
{
    /// <summary>Longest reason kept; receiver answers can be long and the full one is in the dead letter's header.</summary>
    public const int MaxReasonChars = 500;

    private const byte Version = 1;
    private const int FixedLength = 11;
    private const byte HasPartition = 1;
    private const byte HasOffset = 2;
    private const byte HasStatus = 4;
    private const byte HasAttempts = 8;
    private const byte HasWebhookId = 16;
    private const byte HasTier = 32;
    private const byte HasNextAttempt = 64;
    private const byte HasReason = 128;

    /// <summary>The value of <paramref name="receipt"/>.</summary>
    public static byte[] Encode(in Receipt receipt)
    {
        var value = new byte[Length(receipt)];
        Write(receipt, value);
        return value;
    }

    /// <summary>How many bytes <see cref="Write"/> writes for <paramref name="receipt"/>.</summary>
    public static int Length(in Receipt receipt) =>
        FixedLength
        + (receipt.Partition is null ? 0 : 4)
        + (receipt.Offset is null ? 0 : 8)
        + (receipt.Status is null ? 0 : 4)
        + (receipt.Attempts is null ? 0 : 4)
        + TextLength(receipt.WebhookId)
        + TextLength(receipt.Tier)
        + (receipt.NextAttemptMs is null ? 0 : 8)
        + TextLength(Reason(receipt));

    /// <summary>Writes the value of <paramref name="receipt"/> into <paramref name="span"/>, which holds at least <see cref="Length"/> bytes.</summary>
    public static void Write(in Receipt receipt, Span<byte> span)
    {
        span[0] = Version;
        span[1] = (byte)receipt.Outcome;
        BinaryPrimitives.WriteInt64LittleEndian(span[2..], receipt.TimeMs);
        var flags = (byte)0;
        var at = FixedLength;
        if (receipt.Partition is { } partition)
        {
            flags |= HasPartition;
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], partition);
            at += 4;
        }

        if (receipt.Offset is { } offset)
        {
            flags |= HasOffset;
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], offset);
            at += 8;
        }

        if (receipt.Status is { } status)
        {
            flags |= HasStatus;
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], status);
            at += 4;
        }

        if (receipt.Attempts is { } attempts)
        {
            flags |= HasAttempts;
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], attempts);
            at += 4;
        }

        flags |= WriteText(span, ref at, receipt.WebhookId, HasWebhookId);
        flags |= WriteText(span, ref at, receipt.Tier, HasTier);
        if (receipt.NextAttemptMs is { } next)
        {
            flags |= HasNextAttempt;
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], next);
            at += 8;
        }

        flags |= WriteText(span, ref at, Reason(receipt), HasReason);
        span[10] = flags;
    }

    /// <summary>Whether <paramref name="value"/> starts like a receipt this version wrote: what a reader checks before keeping it undecoded.</summary>
    public static bool IsReceipt(ReadOnlySpan<byte> value) =>
        value.Length >= FixedLength && value[0] == Version && Enum.IsDefined((ReceiptOutcome)value[1]);

    /// <summary>Reads a value; false when it is not one this version wrote (a newer writer, or not a receipt).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, out Receipt receipt)
    {
        receipt = default;
        if (!IsReceipt(value))
        {
            return false;
        }

        var flags = value[10];
        var at = FixedLength;
        try
        {
            receipt = new Receipt((ReceiptOutcome)value[1], BinaryPrimitives.ReadInt64LittleEndian(value[2..]))
            {
                Partition = (flags & HasPartition) == 0 ? null : ReadInt32(value, ref at),
                Offset = (flags & HasOffset) == 0 ? null : ReadInt64(value, ref at),
                Status = (flags & HasStatus) == 0 ? null : ReadInt32(value, ref at),
                Attempts = (flags & HasAttempts) == 0 ? null : ReadInt32(value, ref at),
                WebhookId = (flags & HasWebhookId) == 0 ? null : ReadText(value, ref at),
                Tier = (flags & HasTier) == 0 ? null : ReadText(value, ref at),
                NextAttemptMs = (flags & HasNextAttempt) == 0 ? null : ReadInt64(value, ref at),
                Reason = (flags & HasReason) == 0 ? null : ReadText(value, ref at),
            };
            return at == value.Length;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A field runs past the end: a truncated or foreign value.
            receipt = default;
            return false;
        }
    }

    private static string? Reason(in Receipt receipt) => receipt.Reason is { Length: > MaxReasonChars } full ? full[..MaxReasonChars] : receipt.Reason;

    private static int TextLength(string? text) => text is null ? 0 : 2 + Encoding.UTF8.GetByteCount(text);

    private static byte WriteText(Span<byte> span, ref int at, string? text, byte flag)
    {
        if (text is null)
        {
            return 0;
        }

        var written = Encoding.UTF8.GetBytes(text, span[(at + 2)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)written);
        at += 2 + written;
        return flag;
    }

    private static int ReadInt32(ReadOnlySpan<byte> value, ref int at)
    {
        var read = BinaryPrimitives.ReadInt32LittleEndian(value[at..]);
        at += 4;
        return read;
    }

    private static long ReadInt64(ReadOnlySpan<byte> value, ref int at)
    {
        var read = BinaryPrimitives.ReadInt64LittleEndian(value[at..]);
        at += 8;
        return read;
    }

    private static string ReadText(ReadOnlySpan<byte> value, ref int at)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(value[at..]);
        var text = Encoding.UTF8.GetString(value.Slice(at + 2, length));
        at += 2 + length;
        return text;
    }
}

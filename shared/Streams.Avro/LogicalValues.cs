using System.Numerics;

namespace Streams.Avro;

/// <summary>Conversions between logical-type values and their underlying encoded values.</summary>
internal static class LogicalValues
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static object FromLong(long value, AvroLogicalType? logicalType) => logicalType?.Kind switch
    {
        AvroLogicalKind.TimestampMillis => FromUnixTicks(value, TimeSpan.TicksPerMillisecond),
        AvroLogicalKind.TimestampMicros => FromUnixTicks(value, TicksPerMicrosecond),
        _ => value,
    };

    public static long ToUnix(DateTimeOffset value, AvroLogicalType logicalType)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var unit = logicalType.Kind == AvroLogicalKind.TimestampMillis ? TimeSpan.TicksPerMillisecond : TicksPerMicrosecond;

        // Floor, not truncation, so that instants before the epoch round to the earlier unit like other implementations.
        var quotient = Math.DivRem(ticks, unit, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    public static object FromString(string value, AvroLogicalType? logicalType) =>
        logicalType?.Kind != AvroLogicalKind.Uuid
            ? value
            : Guid.TryParseExact(value, "D", out var guid) ? guid : throw new AvroException($"'{value}' is not a UUID.");

    public static object FromBytes(ReadOnlySpan<byte> value, AvroLogicalType? logicalType) =>
        logicalType?.Kind == AvroLogicalKind.Decimal
            ? new AvroDecimal(new BigInteger(value, isUnsigned: false, isBigEndian: true), logicalType.Scale)
            : value.ToArray();

    /// <summary>Returns the two's-complement big-endian unscaled value, sign-extended to <paramref name="size"/> bytes for fixed.</summary>
    public static byte[] DecimalToBytes(AvroDecimal value, AvroLogicalType logicalType, int? size)
    {
        var unscaled = value.Unscaled;
        if (value.Scale > logicalType.Scale)
        {
            throw new AvroException($"Decimal {value} has scale {value.Scale}, more than the schema's {logicalType.Scale}.");
        }

        unscaled *= BigInteger.Pow(10, logicalType.Scale - value.Scale);
        if (BigInteger.Abs(unscaled) >= BigInteger.Pow(10, logicalType.Precision))
        {
            throw new AvroException($"Decimal {value} has more than the schema's {logicalType.Precision} digits of precision.");
        }

        var bytes = unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
        if (size is not { } fixedSize || bytes.Length == fixedSize)
        {
            return bytes;
        }

        var padded = new byte[fixedSize];
        padded.AsSpan(0, fixedSize - bytes.Length).Fill(unscaled.Sign < 0 ? (byte)0xFF : (byte)0);
        bytes.CopyTo(padded.AsSpan(fixedSize - bytes.Length));
        return padded;
    }

    private static DateTimeOffset FromUnixTicks(long value, long ticksPerUnit)
    {
        try
        {
            return DateTimeOffset.UnixEpoch.AddTicks(checked(value * ticksPerUnit));
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            throw new AvroException($"Timestamp {value} is outside the range of DateTimeOffset.", ex);
        }
    }
}

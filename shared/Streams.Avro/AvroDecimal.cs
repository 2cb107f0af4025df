using System.Globalization;
using System.Numerics;

namespace Streams.Avro;

/// <summary>A value of the <c>decimal</c> logical type: <c>Unscaled × 10^-Scale</c>, of any size.</summary>
/// <param name="Unscaled">The unscaled integer, as encoded.</param>
/// <param name="Scale">The number of digits after the point.</param>
public readonly record struct AvroDecimal(BigInteger Unscaled, int Scale)
{
    /// <summary>Converts a <see cref="decimal"/> exactly, keeping its scale.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The Avro decimal.</returns>
    public static AvroDecimal FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var negative = bits[3] < 0;
        return new AvroDecimal(negative ? -magnitude : magnitude, (bits[3] >> 16) & 0xFF);
    }

    /// <summary>Converts to a <see cref="decimal"/>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="OverflowException">The value does not fit a <see cref="decimal"/>.</exception>
    public decimal ToDecimal() => decimal.Parse(ToString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>Returns the plain decimal notation, e.g. <c>-12.30</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        if (Scale < 0)
        {
            digits += new string('0', -Scale);
        }
        else if (Scale > 0)
        {
            digits = digits.PadLeft(Scale + 1, '0');
            digits = $"{digits[..^Scale]}.{digits[^Scale..]}";
        }

        return Unscaled.Sign < 0 ? "-" + digits : digits;
    }
}

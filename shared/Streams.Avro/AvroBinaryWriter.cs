using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Streams.Avro;

/// <summary>Writes Avro binary-encoded primitives straight into a buffer writer.</summary>
public readonly ref struct AvroBinaryWriter
{
    private const int MaxVarLongLength = 10;

    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    /// <param name="output">Where the bytes go.</param>
    public AvroBinaryWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes a boolean as one byte.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value)
    {
        _output.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        _output.Advance(1);
    }

    /// <summary>Writes an int as a zig-zag varint.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt(int value) => WriteLong(value);

    /// <summary>Writes a long as a zig-zag varint.</summary>
    /// <param name="value">The value.</param>
    public void WriteLong(long value)
    {
        var span = _output.GetSpan(MaxVarLongLength);
        var bits = (ulong)((value << 1) ^ (value >> 63));
        var length = 0;
        while (bits >= 0x80)
        {
            span[length++] = (byte)(bits | 0x80);
            bits >>= 7;
        }

        span[length++] = (byte)bits;
        _output.Advance(length);
    }

    /// <summary>Writes a float as 4 little-endian bytes.</summary>
    /// <param name="value">The value.</param>
    public void WriteFloat(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_output.GetSpan(sizeof(float)), value);
        _output.Advance(sizeof(float));
    }

    /// <summary>Writes a double as 8 little-endian bytes.</summary>
    /// <param name="value">The value.</param>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_output.GetSpan(sizeof(double)), value);
        _output.Advance(sizeof(double));
    }

    /// <summary>Writes bytes with their length first.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteFixed(value);
    }

    /// <summary>Writes a string as UTF-8 with its byte length first, encoding straight into the output.</summary>
    /// <param name="value">The string.</param>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetByteCount(value);
        WriteLong(length);
        Encoding.UTF8.GetBytes(value, _output.GetSpan(length));
        _output.Advance(length);
    }

    /// <summary>Writes bytes as they are, without a length: the encoding of fixed.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteFixed(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }
}

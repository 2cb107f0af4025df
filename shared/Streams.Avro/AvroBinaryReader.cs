using System.Buffers.Binary;
using System.Text;

namespace Streams.Avro;

/// <summary>Reads Avro binary-encoded primitives from a span, checking every length against what is left.</summary>
public ref struct AvroBinaryReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader at the start of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The encoded bytes.</param>
    public AvroBinaryReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>The number of bytes read so far.</summary>
    public readonly int Position => _position;

    /// <summary>The number of bytes not read yet.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Reads a boolean.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="AvroException">The byte is neither 0 nor 1, or the data is truncated.</exception>
    public bool ReadBoolean() => Take(1)[0] switch
    {
        0 => false,
        1 => true,
        var other => throw new AvroException($"Invalid boolean byte {other} at offset {_position - 1}."),
    };

    /// <summary>Reads a zig-zag varint int.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="AvroException">The value does not fit an int, or the data is truncated.</exception>
    public int ReadInt()
    {
        var value = ReadLong();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new AvroException($"Value {value} is out of range for an int.");
    }

    /// <summary>Reads a zig-zag varint long.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="AvroException">The varint is longer than 10 bytes, or the data is truncated.</exception>
    public long ReadLong()
    {
        ulong bits = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _buffer.Length)
            {
                throw Truncated(1);
            }

            var b = _buffer[_position++];
            bits |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(bits >> 1) ^ -(long)(bits & 1);
            }
        }

        throw new AvroException($"Varint longer than 10 bytes ending at offset {_position}.");
    }

    /// <summary>Reads a little-endian float.</summary>
    /// <returns>The value.</returns>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(sizeof(float)));

    /// <summary>Reads a little-endian double.</summary>
    /// <returns>The value.</returns>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

    /// <summary>Reads length-prefixed bytes without copying them.</summary>
    /// <returns>A slice of the buffer.</returns>
    /// <exception cref="AvroException">The length is negative or longer than the data left.</exception>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadLong();
        return length >= 0 ? Take(length) : throw new AvroException($"Negative length {length} at offset {_position}.");
    }

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    /// <returns>The string.</returns>
    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Reads <paramref name="size"/> bytes without copying them: the encoding of fixed.</summary>
    /// <param name="size">The number of bytes.</param>
    /// <returns>A slice of the buffer.</returns>
    public ReadOnlySpan<byte> ReadFixed(int size) => Take(size);

    /// <summary>Skips bytes.</summary>
    /// <param name="count">The number of bytes.</param>
    public void Skip(long count) => Take(count);

    /// <summary>
    /// Reads the item count that starts an array or map block; a negative count is followed by the block's
    /// byte size, which is read and dropped here.
    /// </summary>
    /// <returns>The number of items in the block, 0 at the end of the array or map.</returns>
    public long ReadBlockCount()
    {
        var count = ReadLong();
        if (count >= 0)
        {
            return count;
        }

        _ = ReadLong();
        return count != long.MinValue ? -count : throw new AvroException("Invalid block count.");
    }

    private ReadOnlySpan<byte> Take(long count)
    {
        // Unsigned, so that a negative count from corrupt data fails here too.
        if ((ulong)count > (ulong)Remaining)
        {
            throw Truncated(count);
        }

        var slice = _buffer.Slice(_position, (int)count);
        _position += (int)count;
        return slice;
    }

    private readonly AvroException Truncated(long needed) =>
        new($"Truncated data: {needed} more byte(s) needed at offset {_position}, {Remaining} left.");
}

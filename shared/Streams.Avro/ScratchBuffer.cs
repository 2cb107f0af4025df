using System.Buffers;

namespace Streams.Avro;

/// <summary>A per-thread buffer reused across serializations, so that each one allocates only its result array.</summary>
internal static class ScratchBuffer
{
    // A buffer grown by one huge message is dropped rather than kept for the thread's lifetime.
    private const int MaxRetainedCapacity = 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        return buffer;
    }

    public static byte[] ToArray(ArrayBufferWriter<byte> buffer)
    {
        var result = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxRetainedCapacity)
        {
            _buffer = null;
        }

        return result;
    }
}

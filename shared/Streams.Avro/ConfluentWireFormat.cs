using System.Buffers;
using System.Buffers.Binary;

namespace Streams.Avro;

/// <summary>The Confluent Schema Registry framing: magic byte 0, 4-byte big-endian schema id, then the Avro binary encoding.</summary>
public static class ConfluentWireFormat
{
    /// <summary>The first byte of every framed message.</summary>
    public const byte MagicByte = 0;

    /// <summary>The length of the header before the payload.</summary>
    public const int HeaderLength = 5;

    /// <summary>Appends the header for a schema id.</summary>
    /// <param name="output">The buffer.</param>
    /// <param name="schemaId">The schema registry id.</param>
    public static void WriteHeader(IBufferWriter<byte> output, int schemaId)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = output.GetSpan(HeaderLength);
        header[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], schemaId);
        output.Advance(HeaderLength);
    }

    /// <summary>Encodes a value and frames it, using a reused per-thread buffer so only the result is allocated.</summary>
    /// <param name="schemaId">The schema registry id of the writer's schema.</param>
    /// <param name="writer">The writer for that schema.</param>
    /// <param name="value">The value.</param>
    /// <returns>The framed message.</returns>
    /// <exception cref="AvroException">The value does not match the schema.</exception>
    public static byte[] Serialize(int schemaId, GenericDatumWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = ScratchBuffer.Rent();
        WriteHeader(buffer, schemaId);
        writer.Write(value, buffer);
        return ScratchBuffer.ToArray(buffer);
    }

    /// <summary>Reads the header of a framed message.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="payload">The Avro payload after the header.</param>
    /// <returns>The schema id.</returns>
    /// <exception cref="AvroException">The message is shorter than the header or does not start with the magic byte.</exception>
    public static int ReadHeader(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> payload)
    {
        if (message.Length < HeaderLength)
        {
            throw new AvroException($"A Confluent-framed message needs at least {HeaderLength} bytes, got {message.Length}.");
        }

        if (message[0] != MagicByte)
        {
            throw new AvroException($"A Confluent-framed message starts with magic byte {MagicByte}, got {message[0]}: not Schema Registry data.");
        }

        payload = message[HeaderLength..];
        return BinaryPrimitives.ReadInt32BigEndian(message[1..]);
    }

    /// <summary>Splits a framed message into schema id and payload.</summary>
    /// <param name="message">The whole message.</param>
    /// <returns>The schema id and a slice holding the payload.</returns>
    /// <exception cref="AvroException">The message is shorter than the header or does not start with the magic byte.</exception>
    public static ConfluentMessage Read(ReadOnlyMemory<byte> message) =>
        new(ReadHeader(message.Span, out _), message[HeaderLength..]);
}

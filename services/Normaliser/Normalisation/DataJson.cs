using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Streams.Envelope;

namespace Streams.Normaliser.Normalisation;

/// <summary>
/// An event's <c>data</c>: the envelope's bytes, parsed into a <see cref="JsonNode"/> only when a rule changes the
/// payload, and written back compactly. The only JSON the normaliser touches; attributes never become JSON.
/// </summary>
public sealed class DataJson
{
    // Compact, UTF-8 as is: the data's text goes into JSON webhook bodies, never into HTML, so only what JSON
    // itself requires is escaped; fixed options make the bytes a function of the value alone.
    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private byte[]? _bytes;
    private JsonNode? _node;
    private bool _parsed;

    /// <summary>Wraps an envelope's data.</summary>
    /// <param name="bytes">The envelope's <see cref="CloudEventEnvelope.Data"/>.</param>
    /// <param name="encoding">How the bytes are to be read.</param>
    public DataJson(byte[]? bytes, EnvelopeDataEncoding encoding)
    {
        _bytes = bytes;
        Encoding = encoding;
    }

    /// <summary>Whether the data is a JSON value or opaque bytes (<c>data_base64</c>).</summary>
    public EnvelopeDataEncoding Encoding { get; }

    /// <summary>True when the event has data (of either encoding).</summary>
    public bool IsPresent => _bytes is not null;

    /// <summary>True when the event has JSON <c>data</c>.</summary>
    public bool IsJson => IsPresent && Encoding == EnvelopeDataEncoding.Json;

    /// <summary>The payload as a mutable node for a rule's data changes; null when it is not JSON, absent or JSON null.</summary>
    public JsonNode? Node
    {
        get
        {
            if (!_parsed && IsJson)
            {
                // The envelope reader checked that the bytes are one JSON value.
                _node = JsonNode.Parse(_bytes);
                _parsed = true;
            }

            return _node;
        }
    }

    /// <summary>Removes the data.</summary>
    public void Clear()
    {
        _bytes = null;
        _node = null;
        _parsed = false;
    }

    /// <summary>The data's canonical bytes: JSON compact, without white space, member order and number spelling as sent.</summary>
    public byte[]? ToCanonicalBytes()
    {
        if (!IsJson)
        {
            return _bytes;
        }

        if (!_parsed && IsCompactAscii(_bytes!))
        {
            // What the writer would give back unchanged: the common case, without a parse.
            return _bytes;
        }

        var buffer = new ArrayBufferWriter<byte>(_bytes!.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            if (_parsed)
            {
                if (_node is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    _node.WriteTo(writer);
                }
            }
            else
            {
                using var document = JsonDocument.Parse(_bytes);
                document.RootElement.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// True when the writer would copy <paramref name="json"/> byte for byte: no white space between tokens, no escape
    /// sequence (the writer re-escapes its own way), and ASCII only (it escapes some non-ASCII, e.g. outside the BMP).
    /// </summary>
    private static bool IsCompactAscii(ReadOnlySpan<byte> json)
    {
        var inString = false;
        foreach (var b in json)
        {
            if (b is (byte)'\\' or >= 0x7F)
            {
                return false;
            }

            if (b == (byte)'"')
            {
                inString = !inString;
            }
            else if (!inString && b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                return false;
            }
        }

        return true;
    }
}

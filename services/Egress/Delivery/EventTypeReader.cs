using System.Text.Json;

namespace Streams.Egress.Delivery;

/// <summary>Reads an event's <c>type</c> without materialising the whole event.</summary>
public static class EventTypeReader
{
    /// <summary>The <c>type</c> of a structured-mode CloudEvent; null when the bytes are not such an event.</summary>
    public static string? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

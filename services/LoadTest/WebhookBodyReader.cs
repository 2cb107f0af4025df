using System.Text.Json;

namespace Streams.LoadTest;

/// <summary>Reads the <c>id</c> and <c>time</c> of every event in a webhook batch body, skipping everything else.</summary>
internal static class WebhookBodyReader
{
    /// <summary>Calls <paramref name="onEvent"/> for each event that has both; throws <see cref="JsonException"/> on a body that is not a JSON array.</summary>
    public static void Read(ReadOnlySpan<byte> body, Action<string, DateTimeOffset> onEvent)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A webhook body is a JSON array of events.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? id = null;
            DateTimeOffset? time = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8) && reader.Read())
                {
                    id = reader.GetString();
                }
                else if (reader.ValueTextEquals("time"u8) && reader.Read())
                {
                    time = reader.TryGetDateTimeOffset(out var parsed) ? parsed : null;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (id is not null && time is { } eventTime)
            {
                onEvent(id, eventTime);
            }
        }
    }
}

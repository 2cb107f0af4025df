using System.Text.Json;
using System.Text.Unicode;
using Streams.Envelope;

namespace Streams.Ingest.CloudEvents;

/// <summary>
/// Reads a CloudEvents 1.0 batch in structured JSON (or one structured event), checking every event and building its
/// envelope in one pass (<see cref="CloudEventReader"/>).
/// All-or-nothing: one bad event makes the whole batch a 400, so a sender never has to work out
/// which half of a batch was written.
/// </summary>
public sealed class CloudEventBatchReader(int maxDepth, int maxEvents, int maxEventBytes)
{
    /// <summary>
    /// Parses and validates; <paramref name="receivedAtMs"/> stamps events without <c>time</c>.
    /// Throws <see cref="BatchTooLargeException"/> when a count or size limit is exceeded.
    /// </summary>
    public BatchReadResult Read(ReadOnlyMemory<byte> body, bool singleEvent, long receivedAtMs)
    {
        var json = body.Span;
        // The JSON reader checks UTF-8 only where it looks (structure, not string contents); check it all first.
        if (!Utf8.IsValid(json))
        {
            return Failed("The body is not valid UTF-8.");
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            reader.Read();
            var result = singleEvent ? ReadEvents(json, ref reader, receivedAtMs, inArray: false) : ReadBatch(json, ref reader, receivedAtMs);
            // Throws on anything but white space after the body's value.
            reader.Read();
            return result;
        }
        catch (JsonException exception)
        {
            // The parser's message gives the line and byte position, never the content.
            return Failed($"The body is not valid UTF-8 JSON nested at most {maxDepth} deep: {exception.Message}");
        }
    }

    private BatchReadResult ReadBatch(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, long receivedAtMs)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return Failed("A batch must be a JSON array of CloudEvents; send one event as application/cloudevents+json.");
        }

        return ReadEvents(json, ref reader, receivedAtMs, inArray: true);
    }

    private BatchReadResult ReadEvents(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, long receivedAtMs, bool inArray)
    {
        var events = new List<ValidEvent>();
        var problems = new List<EventProblem>();
        var ids = new HashSet<(string Source, string Id)>();
        var index = 0;
        for (; inArray ? reader.Read() && reader.TokenType != JsonTokenType.EndArray : index == 0; index++)
        {
            if (index == maxEvents)
            {
                throw new BatchTooLargeException($"The batch holds {CountRest(ref reader) + index} events; at most {maxEvents} are accepted per request.");
            }

            var start = reader.TokenStartIndex;
            var envelope = CloudEventReader.Read(json, ref reader, index, problems);
            var length = reader.BytesConsumed - start;
            if (length > maxEventBytes)
            {
                throw new BatchTooLargeException($"Event {index} is {length} bytes; at most {maxEventBytes} are accepted per event.");
            }

            if (envelope is null)
            {
                continue;
            }

            if (!ids.Add((envelope.Source, envelope.Id)))
            {
                problems.Add(new EventProblem(index, "id", $"Duplicate id '{envelope.Id}' for source '{envelope.Source}' within the batch."));
                continue;
            }

            events.Add(ToValid(envelope, receivedAtMs));
        }

        if (index == 0)
        {
            return Failed("The batch is empty.");
        }

        return new BatchReadResult(problems.Count == 0 ? events : [], problems);
    }

    private static ValidEvent ToValid(CloudEventEnvelope envelope, long receivedAtMs)
    {
        var key = envelope.Extensions.TryGetValue("partitionkey", out var partitionKey) ? (string)partitionKey : envelope.Source;
        var eventTime = envelope.Time?.ToUnixTimeMilliseconds() ?? receivedAtMs;
        return new ValidEvent(new IncomingEvent(key, eventTime, envelope), envelope.Source, envelope.Id, envelope.Time is null);
    }

    /// <summary>Counts the events after the one the reader is on, so a 413 can say how many were sent.</summary>
    private static int CountRest(ref Utf8JsonReader reader)
    {
        var count = 1;
        reader.Skip();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            count++;
        }

        return count;
    }

    private static BatchReadResult Failed(string detail) => new([], [new EventProblem(-1, null, detail)]);
}

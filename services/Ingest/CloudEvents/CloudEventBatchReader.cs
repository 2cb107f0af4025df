using System.Text.Json;
using System.Text.Unicode;

namespace Streams.Ingest.CloudEvents;

/// <summary>
/// Reads a CloudEvents 1.0 batch in structured JSON (or one structured event) and validates every event.
/// All-or-nothing: one bad event makes the whole batch a 400, so a sender never has to work out
/// which half of a batch was written.
/// </summary>
public sealed class CloudEventBatchReader(int maxDepth, int maxEvents, int maxEventBytes)
{
    private readonly CloudEventValidator _validator = new(maxEventBytes);

    /// <summary>
    /// Parses and validates; <paramref name="receivedAtMs"/> stamps events without <c>time</c>.
    /// Throws <see cref="BatchTooLargeException"/> when a count or size limit is exceeded.
    /// </summary>
    public BatchReadResult Read(ReadOnlyMemory<byte> body, bool singleEvent, long receivedAtMs)
    {
        // The JSON reader checks UTF-8 only where it looks (structure, not string contents); check it all first.
        if (!Utf8.IsValid(body.Span))
        {
            return Failed("The body is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException exception)
        {
            // The parser's message gives the line and byte position, never the content.
            return Failed($"The body is not valid UTF-8 JSON nested at most {maxDepth} deep: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (singleEvent)
            {
                return ReadEvents([root], receivedAtMs);
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return Failed("A batch must be a JSON array of CloudEvents; send one event as application/cloudevents+json.");
            }

            var count = root.GetArrayLength();
            if (count > maxEvents)
            {
                throw new BatchTooLargeException($"The batch holds {count} events; at most {maxEvents} are accepted per request.");
            }

            return count == 0 ? Failed("The batch is empty.") : ReadEvents([.. root.EnumerateArray()], receivedAtMs);
        }
    }

    private BatchReadResult ReadEvents(IReadOnlyList<JsonElement> elements, long receivedAtMs)
    {
        var events = new List<ValidEvent>(elements.Count);
        var problems = new List<EventProblem>();
        var ids = new HashSet<(string Source, string Id)>();
        for (var index = 0; index < elements.Count; index++)
        {
            var valid = _validator.Validate(index, elements[index], receivedAtMs, problems);
            if (valid is null)
            {
                continue;
            }

            if (!ids.Add((valid.Source, valid.Id)))
            {
                problems.Add(new EventProblem(index, "id", $"Duplicate id '{valid.Id}' for source '{valid.Source}' within the batch."));
                continue;
            }

            events.Add(valid);
        }

        return new BatchReadResult(problems.Count == 0 ? events : [], problems);
    }

    private static BatchReadResult Failed(string detail) => new([], [new EventProblem(-1, null, detail)]);
}

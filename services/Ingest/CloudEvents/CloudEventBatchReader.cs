using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Streams.Ingest.CloudEvents;

/// <summary>
/// Reads a CloudEvents 1.0 batch in structured JSON (or one structured event) and checks each event's
/// required attributes (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md).
/// All-or-nothing: one bad event makes the whole batch a 400, so a sender never has to work out
/// which half of a batch was written.
/// </summary>
public sealed class CloudEventBatchReader(int maxDepth, int maxEvents, int maxEventBytes)
{
    private static readonly string[] RequiredAttributes = ["id", "source", "type"];

    /// <summary>Parses and validates; <paramref name="receivedAtMs"/> stamps events without <c>time</c>.</summary>
    public BatchReadResult Read(ReadOnlyMemory<byte> body, bool singleEvent, long receivedAtMs)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException exception)
        {
            return Failed(new EventProblem(-1, null, $"The body is not valid JSON (UTF-8, nesting up to {maxDepth}): {exception.Message}"));
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
                return Failed(new EventProblem(-1, null, "A batch must be a JSON array of CloudEvents."));
            }

            var count = root.GetArrayLength();
            if (count == 0)
            {
                return Failed(new EventProblem(-1, null, "The batch is empty."));
            }

            if (count > maxEvents)
            {
                throw new BatchTooLargeException($"The batch holds {count} events; at most {maxEvents} are accepted per request.");
            }

            return ReadEvents([.. root.EnumerateArray()], receivedAtMs);
        }
    }

    private BatchReadResult ReadEvents(IReadOnlyList<JsonElement> elements, long receivedAtMs)
    {
        var events = new List<IncomingEvent>(elements.Count);
        var problems = new List<EventProblem>();
        var ids = new HashSet<(string Source, string Id)>();
        for (var index = 0; index < elements.Count; index++)
        {
            var incoming = ReadEvent(index, elements[index], receivedAtMs, problems);
            if (incoming is null)
            {
                continue;
            }

            if (!ids.Add((incoming.Value.Source, incoming.Value.Id)))
            {
                problems.Add(new EventProblem(index, "id", $"Duplicate id '{incoming.Value.Id}' for source '{incoming.Value.Source}' within the batch."));
                continue;
            }

            events.Add(incoming.Value.Event);
        }

        return new BatchReadResult(problems.Count == 0 ? events : [], problems);
    }

    private (IncomingEvent Event, string Source, string Id)? ReadEvent(int index, JsonElement element, long receivedAtMs, List<EventProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new EventProblem(index, null, "An event must be a JSON object."));
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.Length > maxEventBytes)
        {
            throw new BatchTooLargeException($"Event {index} is {raw.Length} bytes; at most {maxEventBytes} are accepted per event.");
        }

        var before = problems.Count;
        var specVersion = RequiredString(index, element, "specversion", problems);
        if (specVersion is not null && specVersion != "1.0")
        {
            problems.Add(new EventProblem(index, "specversion", $"Only CloudEvents 1.0 is accepted, was '{specVersion}'."));
        }

        var values = RequiredAttributes.Select(name => RequiredString(index, element, name, problems)).ToArray();
        var eventTime = ReadTime(index, element, receivedAtMs, problems);
        var partitionKey = OptionalString(index, element, "partitionkey", problems);
        if (problems.Count > before)
        {
            return null;
        }

        var (id, source) = (values[0]!, values[1]!);
        return (new IncomingEvent(partitionKey ?? source, eventTime, raw.ToArray()), source, id);
    }

    private static string? RequiredString(int index, JsonElement element, string name, List<EventProblem> problems)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            problems.Add(new EventProblem(index, name, $"The required attribute '{name}' is missing."));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            problems.Add(new EventProblem(index, name, $"The attribute '{name}' must be a non-empty string."));
            return null;
        }

        return text;
    }

    private static string? OptionalString(int index, JsonElement element, string name, List<EventProblem> problems) =>
        element.TryGetProperty(name, out _) ? RequiredString(index, element, name, problems) : null;

    private static long ReadTime(int index, JsonElement element, long receivedAtMs, List<EventProblem> problems)
    {
        var text = OptionalString(index, element, "time", problems);
        if (text is null)
        {
            return receivedAtMs;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            problems.Add(new EventProblem(index, "time", $"'{text}' is not an RFC 3339 timestamp."));
            return receivedAtMs;
        }

        return time.ToUnixTimeMilliseconds();
    }

    private static BatchReadResult Failed(EventProblem problem) => new([], [problem]);
}

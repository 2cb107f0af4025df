using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Streams.Envelope;
using Streams.Ingest.CloudEvents;

namespace Streams.Ingest.Tests;

/// <summary>Ingest and <see cref="CloudEventJson.FromJson"/> read events with one reader: they accept and refuse alike.</summary>
public sealed class OneReaderPropertyTests
{
    private readonly CloudEventBatchReader _reader = new(maxDepth: 64, maxEvents: 10, maxEventBytes: 64 * 1024);

    /// <summary>Candidate values per attribute, valid and not, as JSON text; null leaves the attribute out.</summary>
    private static readonly (string Name, string?[] Values)[] Attributes =
    [
        ("specversion", ["\"1.0\"", "\"0.3\"", "1", null]),
        ("id", ["\"e-1\"", "\"\"", "5", "null", null]),
        ("source", ["\"/shop\"", "\"https://example.com/x\"", "\"http://[bad\"", "true"]),
        ("type", ["\"order.created\"", "[]", null]),
        ("time", ["\"2026-11-23T10:00:00.1234567891+01:00\"", "\"2016-12-31T23:59:60Z\"", "\"2026-11-23t10:00:00z\"", "\"2026-11-23T10:00:00\"", "\"yesterday\"", "null", null]),
        ("subject", ["\"s\"", "\"\"", null]),
        ("datacontenttype", ["\"application/json\"", "\"not a type\"", null]),
        ("dataschema", ["\"urn:x\"", "\"relative/only\"", null]),
        ("partitionkey", ["\"k\"", "7", null]),
        ("count", ["0", "2147483647", "-2147483648", "2147483648", "-9223372036854775808", "1.5", "1e3", "\"7\"", "false", "{}", null]),
        ("Upper", ["\"x\"", "null", null]),
        ("data", ["{ \"a\" : [1, 2.50] }", "null", "\"\\uD800\"", "\"\\uD83D\\uDE00\"", null]),
        ("data_base64", ["\"AAEC\"", "\"not base64!\"", "3", null]),
    ];

    [Property(MaxTest = 500)]
    public Property IngestAndFromJson_SameEvent_SameResult() =>
        Prop.ForAll(Events().ToArbitrary(), json =>
        {
            // Act
            var batch = _reader.Read(Encoding.UTF8.GetBytes("[" + json + "]"), singleEvent: false, receivedAtMs: 0);
            CloudEventEnvelope? envelope = null;
            CloudEventFormatException? refused = null;
            try
            {
                envelope = CloudEventJson.FromJson(Encoding.UTF8.GetBytes(json));
            }
            catch (CloudEventFormatException exception)
            {
                refused = exception;
            }

            // Assert: the same verdict, the same envelope, the same first attribute at fault.
            var same = batch.IsValid
                ? envelope is not null && CloudEventJson.ToJson(batch.Events[0].Event.Envelope).AsSpan().SequenceEqual(CloudEventJson.ToJson(envelope))
                : refused is not null && batch.Problems[0].Field == refused.Attribute;
            return same.Label($"{json}\ningest: {string.Join("; ", batch.Problems.Select(p => $"{p.Field}: {p.Detail}"))}\nFromJson: {refused?.Attribute}: {refused?.Message}");
        });

    private static Gen<string> Events() =>
        Attributes
            .Aggregate(
                Gen.Constant(Array.Empty<string>()),
                (members, attribute) => members.SelectMany(chosen => Gen.Elements(attribute.Values)
                    .Select(value => value is null ? chosen : [.. chosen, $"\"{attribute.Name}\":{value}"])))
            .SelectMany(members => Gen.Shuffle<string>(members))
            .Select(members => "{" + string.Join(",", members) + "}");
}

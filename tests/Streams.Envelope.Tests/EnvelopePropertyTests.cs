using System.Globalization;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Streams.Envelope.Tests;

public class EnvelopePropertyTests
{
    private static readonly string[] Characters = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "é", "中", "😀", "\u0001"];
    private static readonly string[] Reserved = ["id", "source", "type", "specversion", "time", "subject", "datacontenttype", "dataschema", "data", "partitionkey"];

    [Property(MaxTest = 300)]
    public Property FromJsonToJson_RandomEvent_KeepsEveryAttributeExtensionAndData() =>
        Prop.ForAll(Events().ToArbitrary(), json =>
        {
            // Act
            var envelope = CloudEventJson.FromJson(System.Text.Encoding.UTF8.GetBytes(json));
            var written = CloudEventJson.ToJson(envelope);

            // Assert
            return JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written));
        });

    [Property(MaxTest = 300)]
    public Property SerializeDeserialize_RandomEvent_GivesBackTheSameJson() =>
        Prop.ForAll(Events().ToArbitrary(), json =>
        {
            // Arrange
            var registry = new InMemorySchemaRegistry();
            var serializer = new EnvelopeSerializer(registry, registry.Add(7, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
            var envelope = CloudEventJson.FromJson(System.Text.Encoding.UTF8.GetBytes(json));

            // Act
            var decoded = serializer.Deserialize(serializer.Serialize(envelope));

            // Assert
            return JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(CloudEventJson.ToJson(decoded)));
        });

    [Property(MaxTest = 1000)]
    public Property Deserialize_ValidValueWithOneByteChanged_DecodesOrThrowsOnlyMalformedPayload() =>
        Prop.ForAll(Mutations().ToArbitrary(), sample =>
        {
            // Arrange
            var (json, position, replacement) = sample;
            var registry = new InMemorySchemaRegistry();
            var serializer = new EnvelopeSerializer(registry, registry.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
            var value = serializer.Serialize(CloudEventJson.FromJson(System.Text.Encoding.UTF8.GetBytes(json)));
            value[5 + (position % (value.Length - 5))] = replacement;

            // Act
            try
            {
                serializer.Deserialize(value);
                return true;
            }
            catch (EnvelopeDecodeException ex)
            {
                // Assert
                return ex.Reason == EnvelopeDecodeReason.MalformedPayload;
            }
        });

    private static Gen<(string Json, int Position, byte Replacement)> Mutations() =>
        from json in Events()
        from position in Gen.Choose(0, int.MaxValue)
        from replacement in ArbMap.Default.GeneratorFor<byte>()
        select (json, position, replacement);

    private static Gen<string> Text() => Gen.ListOf(Gen.Elements(Characters)).Select(parts => string.Concat(parts));

    private static Gen<string> NonEmptyText() => Text().Where(t => t.Length > 0);

    private static Gen<string?> Optional(Gen<string> value) => Gen.OneOf(Gen.Constant<string?>(null), value.Select(v => (string?)v));

    /// <summary>Times as <see cref="CloudEventJson"/> writes them (UTC, milliseconds), so the text itself round-trips.</summary>
    private static Gen<string> Times() =>
        Gen.Choose(0, int.MaxValue).Select(seconds =>
            DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddMilliseconds(seconds % 1000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    private static Gen<JsonNode?> JsonValues(int depth)
    {
        var leaf = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)),
            ArbMap.Default.GeneratorFor<long>().Select(l => (JsonNode?)JsonValue.Create(l)),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(d => (JsonNode?)JsonValue.Create(d.Get)),
            Text().Select(s => (JsonNode?)JsonValue.Create(s)));
        if (depth == 0)
        {
            return leaf;
        }

        var child = JsonValues(depth - 1);
        return Gen.OneOf(
            leaf,
            Gen.ListOf(child, 3).Select(items => (JsonNode?)new JsonArray([.. items])),
            Gen.ListOf(Gen.Zip(NonEmptyText(), child), 3).Select(members =>
            {
                var node = new JsonObject();
                foreach (var (name, value) in members)
                {
                    node[name] = value;
                }

                return (JsonNode?)node;
            }));
    }

    private static Gen<(string Name, JsonNode Value)> Extensions() =>
        Gen.Zip(
            Gen.ListOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray()), 1).Select(chars => string.Concat(chars)).Where(n => n.Length > 0 && !Reserved.Contains(n)),
            Gen.OneOf(
                Text().Select(s => (JsonNode)JsonValue.Create(s)),
                ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode)JsonValue.Create(b)),
                // CloudEvents integers are 32-bit: the reader refuses wider ones.
                ArbMap.Default.GeneratorFor<int>().Select(i => (JsonNode)JsonValue.Create(i))));

    private static Gen<string> Events() =>
        from id in NonEmptyText()
        from source in NonEmptyText().Where(s => Uri.TryCreate(s, UriKind.RelativeOrAbsolute, out _))
        from type in NonEmptyText()
        from time in Optional(Times())
        from subject in Optional(NonEmptyText())
        from contentType in Optional(Gen.Elements("application/json", "text/plain", "application/octet-stream"))
        from dataSchema in Optional(Gen.Elements("https://example.com/schemas/order.json", "urn:example:order:v1"))
        from extensions in Gen.ListOf(Extensions())
        from dataKind in Gen.Choose(0, 2)
        from data in JsonValues(2)
        from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())
        select Event(id, source, type, time, subject, contentType, dataSchema, extensions, dataKind, data, bytes);

    private static string Event(
        string id, string source, string type, string? time, string? subject, string? contentType, string? dataSchema,
        IEnumerable<(string Name, JsonNode Value)> extensions, int dataKind, JsonNode? data, byte[] bytes)
    {
        var node = new JsonObject { ["specversion"] = "1.0", ["id"] = id, ["source"] = source, ["type"] = type };
        void Optional(string name, string? value)
        {
            if (value is not null)
            {
                node[name] = value;
            }
        }

        Optional("time", time);
        Optional("subject", subject);
        Optional("datacontenttype", contentType);
        Optional("dataschema", dataSchema);
        foreach (var (name, value) in extensions)
        {
            node[name] = value;
        }

        if (dataKind == 1)
        {
            node["data"] = data;
        }
        else if (dataKind == 2)
        {
            node["data_base64"] = Convert.ToBase64String(bytes);
        }

        return node.ToJsonString();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>Runs tests/crosscheck/schema-registry/client.js, which uses @kafkajs/confluent-schema-registry against a registry.</summary>
public static class ConfluentJsClient
{
    public static async Task<JsonNode> RunAsync(Uri registry, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(input);
        var casePath = Path.Combine(Path.GetTempPath(), $"registry-case-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(casePath, input.ToJsonString());
        try
        {
            var output = await NodeScript.RunAsync("schema-registry", Path.Combine("@kafkajs", "confluent-schema-registry"), "client.js", registry.ToString().TrimEnd('/'), casePath);
            return JsonNode.Parse(output)!;
        }
        finally
        {
            File.Delete(casePath);
        }
    }

    /// <summary>Bytes as client.js reads and writes them.</summary>
    public static JsonObject Bytes(byte[] value) => new() { ["$hex"] = Convert.ToHexStringLower(value) };

    public static JsonNode ToNode(object value) => JsonSerializer.SerializeToNode(value)!;
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>Runs tests/crosscheck/schema-registry/client.js, which uses @kafkajs/confluent-schema-registry against a registry.</summary>
public static class ConfluentJsClient
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "crosscheck", "schema-registry");
            if (File.Exists(Path.Combine(candidate, "client.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/crosscheck/schema-registry not found above {AppContext.BaseDirectory}.");
    });

    public static async Task<JsonNode> RunAsync(Uri registry, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(input);
        var directory = Directory.Value;
        if (!System.IO.Directory.Exists(Path.Combine(directory, "node_modules", "@kafkajs", "confluent-schema-registry")))
        {
            throw new InvalidOperationException("@kafkajs/confluent-schema-registry is not installed: run `npm ci --prefix tests/crosscheck/schema-registry` from the repository root.");
        }

        var casePath = Path.Combine(Path.GetTempPath(), $"registry-case-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(casePath, input.ToJsonString());
        try
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("client.js");
            start.ArgumentList.Add(registry.ToString().TrimEnd('/'));
            start.ArgumentList.Add(casePath);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0
                ? JsonNode.Parse(await output)!
                : throw new InvalidOperationException($"client.js failed ({process.ExitCode}): {await error}");
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

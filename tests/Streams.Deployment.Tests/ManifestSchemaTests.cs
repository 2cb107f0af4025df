using System.Text.Json;
using Streams.Deployment.Tests.Infrastructure;

namespace Streams.Deployment.Tests;

/// <summary>
/// Every manifest the chart renders, with its defaults and with values-production.yaml, against the schema of its kind:
/// tests/crosscheck/kubernetes/validate.js with kubernetes-models (the Kubernetes API's OpenAPI schemas) and its KEDA
/// and Prometheus Operator CRD packages. Strimzi's KafkaTopic has no such package; HelmChartTests checks its fields.
/// </summary>
public sealed class ManifestSchemaTests
{
    private static readonly string CrossCheck = Repository.PathOf("tests/crosscheck/kubernetes");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RenderedManifests_DefaultsAndProduction_MatchTheirKindsSchemas(bool production)
    {
        // Arrange
        var rendered = await Helm.TemplateAsync(production ? [Helm.ProductionValues] : null);
        var file = Path.Combine(Path.GetTempPath(), $"streams-chart-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, rendered.Text);

        // Act
        List<Verdict> verdicts;
        try
        {
            verdicts = await ValidateAsync(file);
        }
        finally
        {
            File.Delete(file);
        }

        // Assert
        Assert.Equal(rendered.Manifests.Count, verdicts.Count);
        var invalid = verdicts.Where(verdict => verdict.Status == "invalid").ToList();
        Assert.True(invalid.Count == 0, string.Join("\n", invalid.Select(verdict => $"{verdict.Kind} {verdict.Name}: {string.Join("; ", verdict.Errors)}")));
        Assert.All(verdicts.Where(verdict => verdict.Status == "no-schema"), verdict => Assert.Equal("KafkaTopic", verdict.Kind));
        Assert.Contains(verdicts, verdict => verdict is { Kind: "ScaledObject", Status: "valid" });
        Assert.Contains(verdicts, verdict => verdict is { Kind: "PrometheusRule", Status: "valid" });
        Assert.Contains(verdicts, verdict => verdict is { Kind: "Deployment", Status: "valid" });
    }

    /// <summary>The validator can say no: a wrong type, a missing required field and an unknown kind of a known group.</summary>
    [Fact]
    public async Task Validator_BrokenManifests_AreReportedInvalid()
    {
        // Arrange
        var file = Path.Combine(Path.GetTempPath(), $"streams-broken-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: wrong-type}
            spec:
              scaleTargetRef: {name: x}
              minReplicaCount: "one"
              triggers: [{type: kafka, metadata: {lagThreshold: 10}}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: no-container-name}
            spec:
              selector: {matchLabels: {a: b}}
              template: {metadata: {labels: {a: b}}, spec: {containers: [{image: i}]}}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: rule-without-expr}
            spec:
              groups: [{name: g, rules: [{alert: A}]}]
            """);

        // Act
        List<Verdict> verdicts;
        try
        {
            verdicts = await ValidateAsync(file);
        }
        finally
        {
            File.Delete(file);
        }

        // Assert
        Assert.Equal(["invalid", "invalid", "invalid"], verdicts.Select(verdict => verdict.Status));
    }

    private static async Task<List<Verdict>> ValidateAsync(string file)
    {
        if (!Directory.Exists(Path.Combine(CrossCheck, "node_modules", "kubernetes-models")))
        {
            throw new InvalidOperationException("kubernetes-models is not installed: run `npm ci --prefix tests/crosscheck/kubernetes` (./streams test does).");
        }

        var result = await Command.RunAsync("node", ["validate.js", file], CrossCheck, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<Verdict>(line, json)!)];
    }

    private sealed record Verdict(string? Kind, string? Name, string Status, IReadOnlyList<string> Errors);
}

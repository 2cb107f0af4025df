using System.Globalization;
using System.Text;
using Streams.Deployment.Tests.Infrastructure;

namespace Streams.Deployment.Tests;

/// <summary>
/// docs/deploying.md's scaling table is the simulation of the ScaledObjects the chart renders with its defaults: a
/// changed default, or a table edited by hand, fails here with the table the settings really give.
/// </summary>
public sealed class KedaScalingTableTests
{
    private const string Begin = "<!-- keda-simulation:begin -->";
    private const string End = "<!-- keda-simulation:end -->";

    /// <summary>Total lag of one topic (the retrier's: of its first tier), in messages.</summary>
    private static readonly long[] Lags = [0, 1, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 1_000_000];

    [Fact]
    public async Task DeployingDoc_ScalingTable_IsTheSimulationOfTheRenderedScaledObjects()
    {
        // Arrange
        var rendered = await Helm.TemplateAsync();
        var partitionsByTopic = rendered.OfKind("KafkaTopic").ToDictionary(
            topic => topic.Scalar("spec", "topicName")!,
            topic => int.Parse(topic.Scalar("spec", "partitions")!, CultureInfo.InvariantCulture));
        var scalers = ChartRoles.LagScaled.Select(consumer => Scaler.From(rendered.Get("ScaledObject", ChartRoles.ResourceName(consumer.Role)), consumer.Role, partitionsByTopic)).ToList();
        var doc = await File.ReadAllTextAsync(Repository.PathOf("docs/deploying.md"));

        // Act
        var expected = Table(scalers);
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/deploying.md has no {Begin} … {End} block; it should hold:\n{expected}");
        var documented = doc[(start + Begin.Length)..end].Trim();

        // Assert
        Assert.True(expected.Trim() == documented, $"docs/deploying.md's scaling table is stale; the chart's defaults give:\n{expected}");
    }

    private static string Table(IReadOnlyList<Scaler> scalers)
    {
        var text = new StringBuilder();
        text.AppendLine("| role | minReplicaCount | maxReplicaCount | lagThreshold | activationLagThreshold | partitions |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var scaler in scalers)
        {
            var first = scaler.Triggers[0];
            text.AppendLine(CultureInfo.InvariantCulture, $"| {scaler.Role} | {scaler.Min} | {scaler.Max} | {first.LagThreshold} | {first.ActivationLagThreshold} | {first.Partitions} |");
        }

        text.AppendLine();
        text.AppendLine("| lag (messages) | " + string.Join(" | ", scalers.Select(scaler => scaler.Role)) + " |");
        text.AppendLine("| ---: | " + string.Join(" | ", scalers.Select(_ => "---:")) + " |");
        foreach (var lag in Lags)
        {
            // The lag is on the first trigger's topic; the retrier's other tiers are idle.
            var replicas = scalers.Select(scaler => KedaScalingSimulation.Replicas(scaler.Min, scaler.Max, scaler.Triggers, [lag, .. scaler.Triggers.Skip(1).Select(_ => 0L)]));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {lag:N0} | {string.Join(" | ", replicas)} |");
        }

        return text.ToString();
    }

    private sealed record Scaler(string Role, int Min, int Max, IReadOnlyList<KafkaTrigger> Triggers)
    {
        public static Scaler From(Manifest scaledObject, string role, Dictionary<string, int> partitionsByTopic)
        {
            var triggers = scaledObject.Sequence("spec", "triggers").Select(trigger => new KafkaTrigger(
                long.Parse(Manifest.ScalarAt(trigger, "metadata", "lagThreshold")!, CultureInfo.InvariantCulture),
                long.Parse(Manifest.ScalarAt(trigger, "metadata", "activationLagThreshold")!, CultureInfo.InvariantCulture),
                partitionsByTopic[Manifest.ScalarAt(trigger, "metadata", "topic")!])).ToList();
            return new Scaler(
                role,
                int.Parse(scaledObject.Scalar("spec", "minReplicaCount")!, CultureInfo.InvariantCulture),
                int.Parse(scaledObject.Scalar("spec", "maxReplicaCount")!, CultureInfo.InvariantCulture),
                triggers);
        }
    }
}

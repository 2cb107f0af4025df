using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Streams.Deployment.Tests.Infrastructure;
using Streams.Kafka;
using YamlDotNet.RepresentationModel;

namespace Streams.Deployment.Tests;

/// <summary>
/// helm/streams rendered with its defaults and with values-production.yaml: what each manifest must say for the roles to
/// run, scale on lag, stop gracefully and be scraped. The kinds' schemas are checked in <see cref="ManifestSchemaTests"/>.
/// </summary>
public sealed partial class HelmChartTests
{
    private static readonly string[] CleanupPolicies = ["delete", "compact"];

    private static readonly string EverySettingValues = Repository.PathOf("tests/Streams.Deployment.Tests/values-every-setting.yaml");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HelmLint_DefaultsAndProduction_Pass(bool production)
    {
        // Arrange
        List<string> arguments = ["lint", Helm.Chart, "--strict"];
        if (production)
        {
            arguments.AddRange(["--values", Helm.ProductionValues]);
        }

        // Act
        var result = await Helm.RunAsync([.. arguments]);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0 chart(s) failed", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Template_EveryRole_RunsItsRoleWithProbesResourcesAndAStopLongerThanTheDrain(bool production)
    {
        // Arrange
        var rendered = await Helm.TemplateAsync(production ? [Helm.ProductionValues] : null);
        var settings = AppSettings(rendered);
        var drainSeconds = settings.GetProperty("Egress").GetProperty("DrainTimeoutMs").GetInt32() / 1000;

        foreach (var role in ChartRoles.All)
        {
            // Act
            var deployment = rendered.Get("Deployment", ChartRoles.ResourceName(role));
            var pod = deployment.Node("spec", "template", "spec");
            var container = Assert.Single(Manifest.At(pod, "containers") as YamlSequenceNode ?? []);

            // Assert
            Assert.Equal(["--roles", role], Strings(Manifest.At(container, "args")));
            Assert.Equal("/healthz", Manifest.ScalarAt(container, "livenessProbe", "httpGet", "path"));
            // Every role serves /readyz: ready only when its Kafka, topics and registry are there (README).
            Assert.Equal("/readyz", Manifest.ScalarAt(container, "readinessProbe", "httpGet", "path"));
            Assert.NotNull(Manifest.At(container, "resources", "requests", "cpu"));
            Assert.NotNull(Manifest.At(container, "resources", "limits", "memory"));
            Assert.Equal("true", Manifest.ScalarAt(container, "securityContext", "readOnlyRootFilesystem"));
            Assert.Equal("true", Manifest.ScalarAt(pod, "securityContext", "runAsNonRoot"));
            Assert.Contains(Manifest.At(container, "volumeMounts") as YamlSequenceNode ?? [], mount => Manifest.ScalarAt(mount, "mountPath") == "/tmp");
            var grace = int.Parse(Manifest.ScalarAt(pod, "terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture);
            // The host's shutdown timeout is 30 s (services/Host/ServiceDefaults.cs), egress drains for DrainTimeoutMs.
            Assert.True(grace > Math.Max(30, drainSeconds), $"{role}: terminationGracePeriodSeconds {grace} is not past the drain ({Math.Max(30, drainSeconds)} s).");
            var selector = Labels(deployment.Node("spec", "selector", "matchLabels"));
            var podLabels = Labels(deployment.Node("spec", "template", "metadata", "labels"));
            Assert.All(selector, label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
            Assert.Equal(selector, Labels(rendered.Get("Service", ChartRoles.ResourceName(role)).Node("spec", "selector")));
            Assert.Equal(selector, Labels(rendered.Get("PodDisruptionBudget", ChartRoles.ResourceName(role)).Node("spec", "selector", "matchLabels")));
        }
    }

    [Fact]
    public async Task Template_ConfigMapAndSecret_HoldEverySettingTheReadmeDocuments()
    {
        // Arrange
        var rendered = await Helm.TemplateAsync([EverySettingValues]);
        var settings = AppSettings(rendered);
        var secretKeys = Labels(rendered.Get("Secret", "streams-secrets").Node("stringData")).Keys.ToHashSet(StringComparer.Ordinal);
        var readme = await File.ReadAllLinesAsync(Repository.PathOf("README.md"));

        // Act
        var documented = DocumentedKeys(readme).ToList();
        var missing = documented.Where(key => !Holds(settings, secretKeys, key)).ToList();

        // Assert
        Assert.True(documented.Count > 40, $"Only {documented.Count} keys read from README.md's tables.");
        Assert.True(missing.Count == 0, "Not in the ConfigMap nor the Secret: " + string.Join(", ", missing));
        // The secret fields never reach the ConfigMap.
        var subscription = settings.GetProperty("Egress").GetProperty("Subscriptions")[0];
        Assert.False(subscription.TryGetProperty("Secret", out _));
        Assert.False(settings.GetProperty("Ingest").GetProperty("ApiKeys")[0].TryGetProperty("Sha256", out _));
    }

    [Fact]
    public async Task Template_Defaults_GenerateASenderKeySoIngestStarts()
    {
        // Arrange, Act
        var rendered = await Helm.TemplateAsync();
        var settings = AppSettings(rendered);
        var key = rendered.Get("Secret", "streams-api-key").Scalar("stringData", "api-key")!;
        var hash = rendered.Get("Secret", "streams-secrets").Scalar("stringData", "Streams__Ingest__ApiKeys__0__Sha256");

        // Assert: ingest refuses to start without a key (IngestOptionsValidator), so the defaults bring one.
        Assert.Equal("default", settings.GetProperty("Ingest").GetProperty("ApiKeys")[0].GetProperty("Name").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))), hash);
        Assert.True(key.Length >= 32);
    }

    [Fact]
    public async Task Template_Defaults_ScaleEachConsumerOnItsGroupsLagWithinItsPartitions()
    {
        // Arrange
        var rendered = await Helm.TemplateAsync();
        var settings = AppSettings(rendered);
        var topics = new TopicOptions { RetryTiers = [.. settings.GetProperty("Retrier").GetProperty("Tiers").EnumerateArray().Select(tier => tier.GetString()!)] };
        var partitions = rendered.OfKind("KafkaTopic").ToDictionary(
            topic => topic.Scalar("spec", "topicName")!,
            topic => int.Parse(topic.Scalar("spec", "partitions")!, CultureInfo.InvariantCulture));
        var expectedTopics = new Dictionary<string, string[]>
        {
            ["normaliser"] = [topics.Ingested],
            ["egress"] = [topics.Normalised],
            ["retrier"] = [.. topics.RetryTiers.Select(topics.RetryTier)],
        };

        foreach (var (role, section) in ChartRoles.LagScaled)
        {
            // Act
            var scaledObject = rendered.Get("ScaledObject", ChartRoles.ResourceName(role));
            var triggers = scaledObject.Sequence("spec", "triggers");
            var max = int.Parse(scaledObject.Scalar("spec", "maxReplicaCount")!, CultureInfo.InvariantCulture);

            // Assert
            Assert.Equal(ChartRoles.ResourceName(role), scaledObject.Scalar("spec", "scaleTargetRef", "name"));
            Assert.Equal(expectedTopics[role], triggers.Select(trigger => Manifest.ScalarAt(trigger, "metadata", "topic")!));
            Assert.All(triggers, trigger =>
            {
                Assert.Equal("kafka", Manifest.ScalarAt(trigger, "type"));
                Assert.Equal(settings.GetProperty(section).GetProperty("GroupId").GetString(), Manifest.ScalarAt(trigger, "metadata", "consumerGroup"));
                Assert.Equal(settings.GetProperty("Kafka").GetProperty("BootstrapServers").GetString(), Manifest.ScalarAt(trigger, "metadata", "bootstrapServers"));
                Assert.Equal("false", Manifest.ScalarAt(trigger, "metadata", "allowIdleConsumers"));
                // The consumers reset to earliest (KafkaClientFactory): a new group's whole topic is its lag.
                Assert.Equal("earliest", Manifest.ScalarAt(trigger, "metadata", "offsetResetPolicy"));
                Assert.True(max <= partitions[Manifest.ScalarAt(trigger, "metadata", "topic")!], $"{role}: maxReplicaCount {max} is above its topic's partitions.");
            });
            // KEDA owns the replica count: a Deployment that also sets one is reset on every helm upgrade.
            Assert.Null(rendered.Get("Deployment", ChartRoles.ResourceName(role)).Node("spec", "replicas"));
        }

        Assert.Equal("0", rendered.Get("ScaledObject", "streams-retrier").Scalar("spec", "minReplicaCount"));
        var hpa = rendered.Get("HorizontalPodAutoscaler", "streams-ingest");
        Assert.Equal("streams-ingest", hpa.Scalar("spec", "scaleTargetRef", "name"));
        Assert.Equal("cpu", Manifest.ScalarAt(hpa.Sequence("spec", "metrics")[0], "resource", "name"));
    }

    [Theory]
    [InlineData("roles.egress.keda.maxReplicas=13", "maxReplicas (13) is above the 12 partitions")]
    [InlineData("roles.retrier.keda.minReplicas=4", "minReplicas (4) is above its maxReplicas (3)")]
    [InlineData("terminationGracePeriodSeconds=35", "terminationGracePeriodSeconds (35) must be longer than the drain")]
    [InlineData("config.Egress.DrainTimeoutMs=60000", "terminationGracePeriodSeconds (45) must be longer than the drain")]
    [InlineData("roles.normaliser.keda.lagThreshold=0", "lagThreshold")]
    public async Task Template_InconsistentValues_FailWithAMessageNamingTheSetting(string set, string message)
    {
        // Arrange, Act
        var result = await Helm.TryTemplateAsync(sets: [set]);

        // Assert
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// No package models Strimzi's KafkaTopic, so its fields are checked here against Strimzi's v1beta2 API
    /// (KafkaTopicSpec: partitions, replicas, config, topicName; the cluster named by the strimzi.io/cluster label).
    /// </summary>
    [Fact]
    public async Task Template_Defaults_KafkaTopicForEveryTopicWithReplicationThreeAndMinInsyncTwo()
    {
        // Arrange
        var rendered = await Helm.TemplateAsync();
        var settings = AppSettings(rendered);
        var options = new TopicOptions
        {
            Prefix = settings.GetProperty("Kafka").GetProperty("Topics").GetProperty("Prefix").GetString()!,
            RetryTiers = [.. settings.GetProperty("Retrier").GetProperty("Tiers").EnumerateArray().Select(tier => tier.GetString()!)],
        };
        // TopicOptions.All() is every topic the hops use; the schema registry role adds its _schemas (SchemaRegistryOptions).
        var expected = options.All().Append("_schemas").Order(StringComparer.Ordinal).ToList();

        // Act
        var topics = rendered.OfKind("KafkaTopic").ToList();

        // Assert
        Assert.Equal(expected, topics.Select(topic => topic.Scalar("spec", "topicName")!).Order(StringComparer.Ordinal));
        Assert.All(topics, topic =>
        {
            Assert.Equal("kafka.strimzi.io/v1beta2", topic.Scalar("apiVersion"));
            Assert.Equal("streams-kafka", topic.Scalar("metadata", "labels", "strimzi.io/cluster"));
            Assert.Matches(DnsSubdomain(), topic.Name);
            var spec = Assert.IsType<YamlMappingNode>(topic.Node("spec"));
            Assert.Subset(new HashSet<string> { "topicName", "partitions", "replicas", "config" }, spec.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToHashSet());
            Assert.True(int.Parse(topic.Scalar("spec", "partitions")!, CultureInfo.InvariantCulture) >= 1);
            Assert.Equal("3", topic.Scalar("spec", "replicas"));
            Assert.Equal("2", topic.Scalar("spec", "config", "min.insync.replicas"));
            Assert.True(long.TryParse(topic.Scalar("spec", "config", "retention.ms"), CultureInfo.InvariantCulture, out _), $"{topic.Name}: retention.ms is not an integer.");
            Assert.Contains(topic.Scalar("spec", "config", "cleanup.policy"), CleanupPolicies);
        });
        Assert.Equal("compact", topics.Single(topic => topic.Scalar("spec", "topicName") == "_schemas").Scalar("spec", "config", "cleanup.policy"));
        // Receipts: kept as long as the services' Streams:Receipts:RetentionMs says.
        var receipts = topics.Single(topic => topic.Scalar("spec", "topicName") == options.Receipts);
        Assert.Equal("delete", receipts.Scalar("spec", "config", "cleanup.policy"));
        Assert.Equal(settings.GetProperty("Receipts").GetProperty("RetentionMs").GetInt64().ToString(CultureInfo.InvariantCulture), receipts.Scalar("spec", "config", "retention.ms"));
    }

    [Fact]
    public async Task Template_Production_UsesTheExternalClusterAndTheExistingSecret()
    {
        // Arrange, Act
        var rendered = await Helm.TemplateAsync([Helm.ProductionValues]);
        var settings = AppSettings(rendered);
        var bootstrap = settings.GetProperty("Kafka").GetProperty("BootstrapServers").GetString();

        // Assert
        Assert.StartsWith("kafka-0.kafka.example.com:9093", bootstrap, StringComparison.Ordinal);
        Assert.Empty(rendered.OfKind("KafkaTopic"));
        Assert.Empty(rendered.OfKind("Secret"));
        Assert.All(rendered.OfKind("ScaledObject").SelectMany(scaledObject => scaledObject.Sequence("spec", "triggers")),
            trigger => Assert.Equal(bootstrap, Manifest.ScalarAt(trigger, "metadata", "bootstrapServers")));
        Assert.All(rendered.OfKind("Deployment"), deployment =>
        {
            var container = deployment.Sequence("spec", "template", "spec", "containers")[0];
            var envFrom = Assert.IsType<YamlSequenceNode>(Manifest.At(container, "envFrom"));
            Assert.Equal("streams-production", Manifest.ScalarAt(envFrom[0], "secretRef", "name"));
        });
        Assert.Single(rendered.OfKind("PodMonitor"));
        Assert.Empty(rendered.OfKind("ServiceMonitor"));
    }

    [Fact]
    public async Task Template_Defaults_ServiceMonitorScrapesEveryRolesService()
    {
        // Arrange, Act
        var rendered = await Helm.TemplateAsync();
        var monitor = Assert.Single(rendered.OfKind("ServiceMonitor"));
        var selector = Labels(monitor.Node("spec", "selector", "matchLabels"));
        var endpoint = monitor.Sequence("spec", "endpoints")[0];

        // Assert
        Assert.Equal("/metrics", Manifest.ScalarAt(endpoint, "path"));
        var services = rendered.OfKind("Service").ToList();
        Assert.Equal(ChartRoles.All.Select(ChartRoles.ResourceName).Order(StringComparer.Ordinal), services.Select(service => service.Name).Order(StringComparer.Ordinal));
        Assert.All(services, service =>
        {
            var labels = Labels(service.Node("metadata", "labels"));
            Assert.All(selector, label => Assert.Equal(label.Value, labels.GetValueOrDefault(label.Key)));
            Assert.Contains(service.Sequence("spec", "ports"), port => Manifest.ScalarAt(port, "name") == Manifest.ScalarAt(endpoint, "port"));
        });
    }

    [Fact]
    public async Task Template_Defaults_PrometheusRuleHoldsEveryGroupOfTheAlertFiles()
    {
        // Arrange
        var rendered = await Helm.TemplateAsync();
        var expected = Directory.EnumerateFiles(Repository.PathOf("helm/streams/alerts"), "*.yaml")
            .SelectMany(file => Manifest.ParseAll(File.ReadAllText(file)).Single().Sequence("groups"))
            .SelectMany(group => (Manifest.At(group, "rules") as YamlSequenceNode ?? []).Select(rule => (Manifest.ScalarAt(group, "name"), Manifest.ScalarAt(rule, "alert") ?? Manifest.ScalarAt(rule, "record"), Manifest.ScalarAt(rule, "expr"))))
            .Order()
            .ToList();

        // Act
        var rule = Assert.Single(rendered.OfKind("PrometheusRule"));
        var actual = rule.Sequence("spec", "groups")
            .SelectMany(group => (Manifest.At(group, "rules") as YamlSequenceNode ?? []).Select(r => (Manifest.ScalarAt(group, "name"), Manifest.ScalarAt(r, "alert") ?? Manifest.ScalarAt(r, "record"), Manifest.ScalarAt(r, "expr"))))
            .Order()
            .ToList();

        // Assert
        Assert.True(expected.Count > 5);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Template_Defaults_DashboardConfigMapCarriesTheSidecarLabelAndANamedDataSource()
    {
        // Arrange
        var rendered = await Helm.TemplateAsync();
        using var original = JsonDocument.Parse(await File.ReadAllTextAsync(Repository.PathOf("helm/streams/dashboards/streams.json")));

        // Act
        var configMap = rendered.Get("ConfigMap", "streams-dashboard");
        var json = configMap.Scalar("data", "streams.json")!;
        using var dashboard = JsonDocument.Parse(json);

        // Assert
        Assert.Equal("1", configMap.Scalar("metadata", "labels", "grafana_dashboard"));
        Assert.DoesNotContain("${DS_PROMETHEUS}", json, StringComparison.Ordinal);
        Assert.Equal("prometheus", dashboard.RootElement.GetProperty("templating").GetProperty("list")[0].GetProperty("current").GetProperty("value").GetString());
        Assert.Equal(original.RootElement.GetProperty("panels").GetArrayLength(), dashboard.RootElement.GetProperty("panels").GetArrayLength());
    }

    /// <summary>The Streams section of the appsettings.Production.json the ConfigMap carries.</summary>
    private static JsonElement AppSettings(Rendered rendered)
    {
        var text = rendered.Get("ConfigMap", "streams-config").Scalar("data", "appsettings.Production.json")!;
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("Streams").Clone();
    }

    /// <summary>
    /// The keys of README.md's configuration tables, spelled out: "`Streams:Ingest:MaxBodyBytes` / `:MaxDepth`" is two
    /// keys; N and M are list indexes; a wildcard row points to another table and is skipped.
    /// </summary>
    private static IEnumerable<string> DocumentedKeys(IEnumerable<string> readme)
    {
        foreach (var line in readme.Where(line => line.StartsWith("| `Streams:", StringComparison.Ordinal)))
        {
            var cell = line.Split('|')[1];
            var names = BacktickedName().Matches(cell).Select(match => match.Groups[1].Value).ToList();
            var first = names[0];
            if (first.Contains('*', StringComparison.Ordinal))
            {
                continue;
            }

            yield return first;
            var parent = first[..first.LastIndexOf(':')];
            foreach (var alternative in names.Skip(1))
            {
                yield return alternative.StartsWith(':') ? parent + alternative : alternative;
            }
        }
    }

    /// <summary>Whether the key is set in the settings (case-insensitively, as .NET binds) or as a Secret variable.</summary>
    private static bool Holds(JsonElement settings, HashSet<string> secretKeys, string key)
    {
        var path = key.Split(':').Skip(1).Select(step => step is "N" or "M" ? "0" : step).ToList();
        if (secretKeys.Contains("Streams__" + string.Join("__", path)))
        {
            return true;
        }

        var node = settings;
        foreach (var step in path)
        {
            if (step.StartsWith('<'))
            {
                // `Streams:Kafka:Client:<librdkafka key>`: any key of that section.
                return node.ValueKind == JsonValueKind.Object && node.EnumerateObject().Any();
            }

            if (node.ValueKind == JsonValueKind.Array && int.TryParse(step, CultureInfo.InvariantCulture, out var index) && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else if (node.ValueKind == JsonValueKind.Object && node.EnumerateObject().Where(p => string.Equals(p.Name, step, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).ToList() is [var value])
            {
                node = value;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, string> Labels(YamlNode? node) =>
        (node as YamlMappingNode)?.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (pair.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
        ?? [];

    private static List<string> Strings(YamlNode? node) =>
        (node as YamlSequenceNode)?.Children.Select(child => ((YamlScalarNode)child).Value!).ToList() ?? [];

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex BacktickedName();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();
}

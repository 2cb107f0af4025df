using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>
/// Debian's Prometheus scrapes a running pipeline and the auditor; every query of the Grafana dashboard and every alert
/// rule must evaluate without error and return series, and <c>promtool check rules</c> must pass on the rules file.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed partial class ObservabilityPrometheusTests(LocalClusterFixture cluster)
{
    private const string DashboardFile = "helm/streams/dashboards/streams.json";
    private const string RulesFile = "helm/streams/alerts/streams-rules.yaml";

    /// <summary>
    /// Series the host does not expose yet: the producer queue depth (its statistics must reach
    /// KafkaStatisticsMetrics.OnProducerStatistics) and the audit flush counter (the host must call AddStreamsAudit).
    /// Queries on them must evaluate without error, but may be empty until that wiring lands; then delete the entry.
    /// </summary>
    [Fact]
    public async Task Prometheus_ScrapingThePipeline_EveryDashboardQueryAndAlertRuleHasSeries()
    {
        // Arrange: one receiver that accepts, one that rejects (so dead letters flow), the pipeline, the auditor.
        await using var accepting = await TestReceiver.StartAsync();
        await using var rejecting = await TestReceiver.StartAsync(_ => 400);
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("accepting", accepting.Url);
        pipeline.Subscribe("rejecting", rejecting.Url);
        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        await using var auditor = await InProcessAuditor.StartAsync(cluster, topics);
        await using var prometheus = await PrometheusServer.StartAsync(
            new Dictionary<string, string>
            {
                ["streams-host"] = new Uri(pipeline.IngestUrl).Authority,
                ["streams-auditor"] = new Uri(auditor.Url).Authority,
            },
            [RepositoryFiles.PathOf(RulesFile)]);
        await WaitForAsync(prometheus, "count(up == 1)", 2);
        using var http = new HttpClient();

        // Act: traffic over several scrapes, so rate() has samples to work with.
        var ids = new List<string>();
        for (var batch = 0; batch < 10; batch++)
        {
            var events = CloudEventBatches.Create($"prom{batch}", 20, time: DateTimeOffset.UtcNow.AddSeconds(-1));
            using var response = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, events);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.AddRange(Enumerable.Range(0, 20).Select(i => $"prom{batch}-{i}"));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        await Eventually.WaitUntilAsync(() => accepting.HasAll(ids), TimeSpan.FromSeconds(60), () => $"{accepting.DistinctCount} of {ids.Count} delivered");
        await WaitForAsync(prometheus, "sum(streams_deliveries_total{outcome=\"dead_lettered\"})", ids.Count);
        var rules = await EvaluatedRulesAsync(prometheus);

        // Assert
        var failures = new List<string>();
        foreach (var (title, expr) in DashboardQueries())
        {
            await CheckAsync(prometheus, $"panel '{title}'", expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal), failures);
        }

        foreach (var rule in rules)
        {
            var name = rule.GetProperty("name").GetString();
            if (rule.GetProperty("health").GetString() != "ok")
            {
                failures.Add($"alert {name}: health {rule.GetProperty("health")}, {rule.GetProperty("lastError")}");
            }

            // The rule's condition may well be false; its underlying series must still exist.
            var match = Threshold().Match(rule.GetProperty("query").GetString()!);
            Assert.True(match.Success, $"alert {name}: expected '<series> <comparison> <number>', got {rule.GetProperty("query")}");
            await CheckAsync(prometheus, $"alert {name}", match.Groups["series"].Value, failures);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\n--- prometheus ---\n" + prometheus.Output);
        Assert.Equal(6, rules.Count);
    }

    [Fact]
    public async Task PromtoolCheckRules_RulesFile_Passes()
    {
        // Arrange
        var promtool = Executables.Find("promtool")
            ?? throw new InvalidOperationException("promtool is not on PATH: install it with `apt-get install -y prometheus` (CI installs it).");
        var start = new ProcessStartInfo(promtool, ["check", "rules", RepositoryFiles.PathOf(RulesFile)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // Act
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Assert
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("SUCCESS: 6 rules found", output, StringComparison.Ordinal);
    }

    private static List<(string Title, string Expr)> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf(DashboardFile)));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray()
                .Select(target => (panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!)))
            .ToList();
        Assert.True(queries.Count >= 14, $"only {queries.Count} dashboard queries found");
        return queries;
    }

    private static async Task CheckAsync(PrometheusServer prometheus, string what, string promql, List<string> failures)
    {
        var answer = await prometheus.QueryAsync(promql);
        if (answer.GetProperty("status").GetString() != "success")
        {
            failures.Add($"{what}: {promql} failed: {answer}");
            return;
        }

        var series = answer.GetProperty("data").GetProperty("result").GetArrayLength();
        if (series == 0)
        {
            failures.Add($"{what}: {promql} returned no series");
        }
    }

    /// <summary>The alerting rules of our file, once Prometheus has evaluated each of them after the traffic.</summary>
    private static async Task<List<JsonElement>> EvaluatedRulesAsync(PrometheusServer prometheus)
    {
        var after = DateTimeOffset.UtcNow;
        List<JsonElement> rules = [];
        await WaitUntilAsync(async () =>
        {
            var answer = await prometheus.GetAsync("api/v1/rules?type=alert");
            rules = [.. answer.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(group => group.GetProperty("rules").EnumerateArray())];
            return rules.Count > 0 && rules.All(rule => rule.GetProperty("lastEvaluation").GetDateTimeOffset() > after);
        }, () => $"rules not evaluated since {after:o}: {string.Join(", ", rules.Select(rule => rule.GetProperty("lastEvaluation")))}");
        return rules;
    }

    private static Task WaitForAsync(PrometheusServer prometheus, string promql, double atLeast) =>
        WaitUntilAsync(
            async () =>
            {
                var answer = await prometheus.QueryAsync(promql);
                var result = answer.GetProperty("data").GetProperty("result");
                return result.GetArrayLength() > 0
                    && double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= atLeast;
            },
            () => $"{promql} did not reach {atLeast}");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(describe());
            }

            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"^(?<series>.*\S)\s*(>|<|>=|<=|==|!=)\s*-?[0-9.]+(e[+-]?[0-9]+)?\s*$", RegexOptions.Singleline)]
    private static partial Regex Threshold();
}

using Streams.Kafka;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>The environment that points a host process at a test's topics, groups and receivers.</summary>
public sealed class Pipeline
{
    private readonly Dictionary<string, string> _environment;
    private int _subscriptions;

    public Pipeline(LocalClusterFixture cluster, TopicOptions topics)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(topics);
        IngestUrl = $"http://127.0.0.1:{FreePort.Next()}";
        _environment = new()
        {
            ["DOTNET_ENVIRONMENT"] = "Test",
            ["Streams__Kafka__BootstrapServers"] = cluster.BootstrapServers,
            ["Streams__Kafka__Topics__Prefix"] = topics.Prefix,
            ["Streams__Ingest__Url"] = IngestUrl,
            // A host without ingest serves health and metrics here, so its /readyz is known too.
            ["Streams__Host__Url"] = IngestUrl,
            ["Streams__SchemaRegistry__Url"] = cluster.RegistryUrl.ToString(),
            // Tests that check API keys configure them; the rest send anonymously.
            ["Streams__Ingest__RequireApiKey"] = "false",
            ["Streams__Normaliser__GroupId"] = topics.Prefix + "normaliser",
            ["Streams__Egress__GroupId"] = topics.Prefix + "egress",
            ["Streams__Retrier__GroupId"] = topics.Prefix + "retrier",
        };
        // The retrier's tiers replace the topics' for every role, so egress hands to the tiers the test created.
        for (var index = 0; index < topics.RetryTiers.Count; index++)
        {
            _environment[$"Streams__Retrier__Tiers__{index}"] = topics.RetryTiers[index];
        }
    }

    public string IngestUrl { get; }

    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>Adds a subscription; returns its index.</summary>
    public int Subscribe(string name, string url, IReadOnlyDictionary<string, string>? settings = null)
    {
        var index = _subscriptions++;
        Set($"Streams__Egress__Subscriptions__{index}__Name", name);
        Set($"Streams__Egress__Subscriptions__{index}__Url", url);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            Set($"Streams__Egress__Subscriptions__{index}__{key}", value);
        }

        return index;
    }

    public Pipeline Set(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>Starts a host running <paramref name="roles"/>; its <see cref="HostProcess.WaitUntilRunningAsync"/> waits for /readyz.</summary>
    public HostProcess Start(string roles)
    {
        var url = roles.Contains("ingest", StringComparison.Ordinal) ? IngestUrl : _environment["Streams__Host__Url"];
        return HostProcess.Start(["--roles", roles], _environment, new Uri(url.TrimEnd('/') + "/readyz"));
    }
}

using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Streams.Kafka.Topics;

/// <summary>
/// Checks, at start and then every half minute, that every topic the process's roles need exists with the
/// replication the settings ask for. Until a role's topics do, <see cref="WhenReadyAsync"/> holds that role back,
/// /readyz says why, and each problem is logged once (again only when the problems change) — or, with
/// <see cref="MissingTopicsBehaviour.Exit"/>, the process stops with exit code 2.
/// </summary>
public sealed partial class TopicReadiness : BackgroundService
{
    /// <summary>The exit code of a process stopped for its topics.</summary>
    public const int ExitCode = 2;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);
    private readonly KafkaClientFactory _clients;
    private readonly IServiceProvider _services;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<TopicReadiness> _logger;
    private readonly Dictionary<string, RoleTopics> _roles;
    private volatile IReadOnlyList<TopicProblem> _problems = [new(null, "the topics have not been checked yet")];
    private IReadOnlyList<TopicProblem> _logged = [];
    private IReadOnlyList<string>? _topics;
    private IAdminClient? _admin;
    private bool _minInSyncUnchecked;

    public TopicReadiness(
        KafkaClientFactory clients,
        IEnumerable<RequiredTopics> required,
        IServiceProvider services,
        IHostApplicationLifetime lifetime,
        ILogger<TopicReadiness> logger)
    {
        _clients = clients;
        _services = services;
        _lifetime = lifetime;
        _logger = logger;
        _roles = required.GroupBy(r => r.Role, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new RoleTopics([.. g]), StringComparer.Ordinal);
    }

    /// <summary>What is wrong now, for every role of the process; empty when every topic is right.</summary>
    public IReadOnlyList<TopicProblem> Problems => _problems;

    /// <summary>Every topic needed, by the roles of this process.</summary>
    public IReadOnlyList<string> Topics => _topics ??= [.. _roles.Values.SelectMany(role => role.Names(_services)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>What is wrong now for one role's topics.</summary>
    public IReadOnlyList<TopicProblem> ProblemsOf(string role)
    {
        // Ingest asks on every request: with nothing wrong, nothing is looked up or allocated.
        var problems = _problems;
        if (problems.Count == 0)
        {
            return problems;
        }

        var names = RoleOf(role).Names(_services);
        return [.. problems.Where(problem => problem.Topic is null || names.Contains(problem.Topic, StringComparer.Ordinal))];
    }

    /// <summary>Completes once every topic of <paramref name="role"/> has been found right (later problems show in /readyz and the log).</summary>
    public Task WhenReadyAsync(string role, CancellationToken cancellationToken) => RoleOf(role).Ready.Task.WaitAsync(cancellationToken);

    /// <summary>Checks once before the host goes on starting, so a process whose topics are there is ready when it says it runs.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _admin = _clients.CreateAdmin("topics");
        // Metadata only: a cluster that does not answer DescribeConfigs can take its whole timeout to say so, and the
        // start does not wait for that; min.insync.replicas is checked right after, in the background.
        await CheckAndReportAsync(_admin, describeConfigs: false).ConfigureAwait(false);
        if (_problems.Count > 0 && _clients.Options.MissingTopics == MissingTopicsBehaviour.Exit)
        {
            // Before the rest of the host starts: nothing of the roles runs, and the host exits 2 naming the topics.
            throw new TopicsNotReadyException(_problems);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        // Registered as itself and as a hosted service: the container may dispose it twice, the admin client only once.
        Interlocked.Exchange(ref _admin, null)?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var admin = _admin ?? throw new InvalidOperationException("Started without an admin client.");
        await CheckAndReportAsync(admin, describeConfigs: true).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_problems.Count > 0 && _clients.Options.MissingTopics == MissingTopicsBehaviour.Exit)
            {
                // A topic that went away after start: stop the host as the start would have.
                LogExiting(MissingTopicsBehaviour.Exit);
                Environment.ExitCode = ExitCode;
                _lifetime.StopApplication();
                return;
            }

            await Task.Delay(_problems.Count == 0 ? RecheckInterval : RetryInterval, stoppingToken).ConfigureAwait(false);
            await CheckAndReportAsync(admin, describeConfigs: true).ConfigureAwait(false);
        }
    }

    private async Task CheckAndReportAsync(IAdminClient admin, bool describeConfigs)
    {
        var problems = await CheckAsync(admin, describeConfigs).ConfigureAwait(false);
        _problems = problems;
        if (!problems.SequenceEqual(_logged))
        {
            Report(problems);
            _logged = problems;
        }

        foreach (var (role, topics) in _roles)
        {
            if (ProblemsOf(role).Count == 0)
            {
                topics.Ready.TrySetResult();
            }
        }
    }

    private RoleTopics RoleOf(string role) =>
        _roles.TryGetValue(role, out var topics) ? topics : throw new InvalidOperationException($"No topics were registered for the role '{role}'.");

    private async Task<IReadOnlyList<TopicProblem>> CheckAsync(IAdminClient admin, bool describeConfigs)
    {
        var topics = Topics;
        Metadata metadata;
        try
        {
            metadata = await Task.Run(() => admin.GetMetadata(RequestTimeout)).ConfigureAwait(false);
        }
        catch (KafkaException exception)
        {
            return [new(null, $"Kafka did not answer for its metadata: {exception.Error.Reason}")];
        }

        var minInSync = describeConfigs ? await MinInSyncReplicasAsync(admin, metadata, topics).ConfigureAwait(false) : new Dictionary<string, int>();
        return TopicProblems.Find(metadata, topics, _clients.Options.Topics, minInSync);
    }

    private async Task<IReadOnlyDictionary<string, int>> MinInSyncReplicasAsync(IAdminClient admin, Metadata metadata, IReadOnlyList<string> topics)
    {
        var existing = topics.Where(topic => metadata.Topics.Any(known => known.Topic == topic && known.Error.Code == ErrorCode.NoError)).ToList();
        if (existing.Count == 0 || _minInSyncUnchecked)
        {
            return new Dictionary<string, int>();
        }

        try
        {
            var described = await admin.DescribeConfigsAsync(
                existing.Select(topic => new ConfigResource { Type = ResourceType.Topic, Name = topic }),
                new DescribeConfigsOptions { RequestTimeout = RequestTimeout }).ConfigureAwait(false);
            return described
                .Where(result => result.Entries.ContainsKey("min.insync.replicas"))
                .ToDictionary(
                    result => result.ConfigResource.Name,
                    result => int.Parse(result.Entries["min.insync.replicas"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    StringComparer.Ordinal);
        }
        catch (KafkaException exception)
        {
            // Some clusters (and the local mock) do not answer DescribeConfigs; the check is then left out, with one line.
            _minInSyncUnchecked = true;
            LogMinInSyncUnchecked(exception.Message);
            return new Dictionary<string, int>();
        }
    }

    private void Report(IReadOnlyList<TopicProblem> problems)
    {
        if (problems.Count == 0)
        {
            LogReady(Topics.Count, string.Join(", ", _roles.Keys));
            return;
        }

        foreach (var problem in problems)
        {
            LogProblem(problem.Message, _clients.Options.MissingTopics);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Topics ready: the {Count} topics of {Roles} exist as configured")]
    private partial void LogReady(int count, string roles);

    [LoggerMessage(Level = LogLevel.Error, Message = "Topic not usable: {Problem} (Streams:Kafka:MissingTopics={Behaviour})")]
    private partial void LogProblem(string problem, MissingTopicsBehaviour behaviour);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping with exit code 2: topics are missing or misconfigured (Streams:Kafka:MissingTopics={Behaviour})")]
    private partial void LogExiting(MissingTopicsBehaviour behaviour);

    [LoggerMessage(Level = LogLevel.Information, Message = "min.insync.replicas of the topics not checked: the cluster did not describe them ({Reason})")]
    private partial void LogMinInSyncUnchecked(string reason);

    /// <summary>One role's registrations and the signal its work waits on.</summary>
    private sealed class RoleTopics(IReadOnlyList<RequiredTopics> required)
    {
        private IReadOnlyList<string>? _names;

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Names(IServiceProvider services) => _names ??= [.. required.SelectMany(r => r.Topics(services))];
    }
}

using System.Globalization;
using Streams.DevCluster;
using Streams.Kafka;
using Streams.LoadTest;

namespace Streams.Chaos;

/// <summary>
/// A fresh pipeline for one row: the dev cluster in its own process, and every role in its own, pointed at the chaos
/// receiver. A role that exits by itself is started again a second later, as an orchestrator would; a role the row
/// killed stays down until the row restarts it.
/// </summary>
internal sealed class ChaosPipeline : IAsyncDisposable
{
    private const string SubscriptionName = "chaos";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SupervisionInterval = TimeSpan.FromSeconds(1);

    private readonly string _hostDll;
    private readonly string _directory;
    private readonly Dictionary<string, string> _environment;
    private readonly Dictionary<string, ChildHost> _roles = [];
    private readonly HashSet<string> _heldDown = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _control = new();
    private ChildHost? _cluster;
    private Task _supervision = Task.CompletedTask;
    private int _unplannedRestarts;

    private ChaosPipeline(string hostDll, string directory, Uri receiver)
    {
        _hostDll = hostDll;
        _directory = directory;
        IngestUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        RegistryUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        Topics = new TopicOptions { RetryTiers = [.. RetryTiers] };
        Cluster = new DevClusterClient(_control);
        _environment = new Dictionary<string, string>
        {
            // No appsettings.<environment>.json: only what is set here, on top of the shipped defaults.
            ["DOTNET_ENVIRONMENT"] = "Chaos",
            ["Streams__Ingest__Url"] = IngestUrl.GetLeftPart(UriPartial.Authority),
            ["Streams__Ingest__RequireApiKey"] = "false",
            ["Streams__SchemaRegistry__Url"] = RegistryUrl.GetLeftPart(UriPartial.Authority),
            // Short tiers and many attempts: a receiver that is down for a fault window is retried until it is back,
            // within the row, and not dead-lettered.
            ["Streams__Retrier__MaxAttempts"] = "40",
            ["Streams__Egress__Subscriptions__0__Name"] = SubscriptionName,
            ["Streams__Egress__Subscriptions__0__Url"] = receiver.ToString(),
            ["Streams__Egress__Subscriptions__0__Types__0"] = LoadBatchWriter.EventType,
            // Longer than the slow receiver's 2 s, shorter than the hanging one's hold.
            ["Streams__Egress__Subscriptions__0__TimeoutMs"] = "5000",
            ["Streams__Egress__Subscriptions__0__LocalRetries"] = "2",
            ["Streams__Egress__Subscriptions__0__RetryDelayMs"] = "100",
        };
        for (var tier = 0; tier < RetryTiers.Length; tier++)
        {
            _environment[$"Streams__Retrier__Tiers__{tier}"] = RetryTiers[tier];
        }
    }

    private static string[] RetryTiers { get; } = ["1s", "2s", "5s"];

    public Uri IngestUrl { get; }

    public Uri RegistryUrl { get; }

    public TopicOptions Topics { get; }

    public string BootstrapServers { get; private set; } = "";

    /// <summary>The dev cluster's brokers (its default count), numbered 1 to this.</summary>
    public int Brokers { get; } = new DevClusterOptions().Brokers;

    /// <summary>The dev cluster's control API.</summary>
    public DevClusterClient Cluster { get; }

    /// <summary>The receiver every row delivers to; receiver rows change how it answers.</summary>
    public required LoadReceiver Receiver { get; init; }

    /// <summary>Roles that exited by themselves and were started again.</summary>
    public int UnplannedRestarts => Volatile.Read(ref _unplannedRestarts);

    public static async Task<ChaosPipeline> StartAsync(string hostDll, LoadReceiver receiver, Uri receiverUrl, string directory, CancellationToken cancellationToken)
    {
        // Absolute: the processes run in the host's folder, and the dev cluster writes its state file where it is told.
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        var pipeline = new ChaosPipeline(hostDll, directory, receiverUrl) { Receiver = receiver };
        try
        {
            await pipeline.StartClusterAsync(cancellationToken).ConfigureAwait(false);
            await pipeline.StartRoleAsync(PipelineRoles.SchemaRegistry, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(PipelineRoles.All.Skip(1).Select(role => pipeline.StartRoleAsync(role, cancellationToken))).ConfigureAwait(false);
            pipeline._supervision = pipeline.SuperviseAsync(pipeline._stopping.Token);
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILLs a role and keeps it down until <see cref="RestartAsync"/>.</summary>
    public void Kill(string role)
    {
        ChildHost process;
        lock (_gate)
        {
            _heldDown.Add(role);
            process = _roles[role];
        }

        process.Kill();
    }

    /// <summary>Starts a killed role again and waits until it runs.</summary>
    public async Task RestartAsync(string role, CancellationToken cancellationToken)
    {
        await StartRoleAsync(role, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _heldDown.Remove(role);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _supervision.ConfigureAwait(false);
        // Roles first, the registry last of them, then the cluster they were using.
        foreach (var role in PipelineRoles.All.Reverse())
        {
            if (_roles.Remove(role, out var process))
            {
                process.Dispose();
            }
        }

        _cluster?.Dispose();
        _control.Dispose();
        _stopping.Dispose();
    }

    private async Task StartClusterAsync(CancellationToken cancellationToken)
    {
        var stateFile = Path.Combine(_directory, "dev-cluster.json");
        _cluster = ChildHost.Start(
            _hostDll,
            ["dev-cluster", $"--Streams:DevCluster:StateFile={stateFile}"],
            _environment,
            Path.Combine(_directory, "dev-cluster.log"),
            line => line.StartsWith("bootstrap.servers=", StringComparison.Ordinal));
        await _cluster.WaitUntilReadyAsync(StartLimit, cancellationToken).ConfigureAwait(false);
        var state = DevClusterState.Load(stateFile) ?? throw new InvalidOperationException($"The dev cluster wrote no {stateFile}.");
        BootstrapServers = state.BootstrapServers;
        _control.BaseAddress = new Uri(state.ControlUrl.EndsWith('/') ? state.ControlUrl : state.ControlUrl + "/");
        _environment["Streams__Kafka__BootstrapServers"] = state.BootstrapServers;
    }

    private async Task StartRoleAsync(string role, CancellationToken cancellationToken)
    {
        // Ingest listens on its own URL; the registry where the others were told it is; the rest anywhere free.
        string[] arguments = role switch
        {
            PipelineRoles.Ingest => ["--roles", role],
            PipelineRoles.SchemaRegistry => ["--roles", role, $"--Streams:Host:Url={RegistryUrl.GetLeftPart(UriPartial.Authority)}"],
            _ => ["--roles", role, "--Streams:Host:Url=http://127.0.0.1:0"],
        };
        var process = ChildHost.Start(
            _hostDll,
            arguments,
            _environment,
            Path.Combine(_directory, role + ".log"),
            line => line.Contains("Streams running roles", StringComparison.Ordinal));
        ChildHost? replaced;
        lock (_gate)
        {
            _roles.Remove(role, out replaced);
            _roles[role] = process;
        }

        replaced?.Dispose();
        await process.WaitUntilReadyAsync(StartLimit, cancellationToken).ConfigureAwait(false);
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        using var ticks = new PeriodicTimer(SupervisionInterval);
        try
        {
            while (await ticks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                List<string> exited;
                lock (_gate)
                {
                    exited = [.. _roles.Where(r => r.Value.HasExited && !_heldDown.Contains(r.Key)).Select(r => r.Key)];
                }

                foreach (var role in exited)
                {
                    Interlocked.Increment(ref _unplannedRestarts);
                    await File.AppendAllTextAsync(Path.Combine(_directory, role + ".log"), string.Create(CultureInfo.InvariantCulture, $"--- chaos: {role} exited by itself; starting it again at {DateTimeOffset.UtcNow:O}\n"), cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await StartRoleAsync(role, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception failed) when (failed is InvalidOperationException or TimeoutException)
                    {
                        // It exited again before running (say, every broker is still down): the next tick tries again.
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The row is over.
        }
    }
}

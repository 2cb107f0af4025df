namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture holding one host process for all tests of a class, started on first use
/// (class fixtures cannot take the collection's cluster in their constructor). xunit 2 disposes class fixtures through
/// <see cref="IAsyncLifetime"/>, not <see cref="IAsyncDisposable"/>: as the latter the host process outlived the run.
/// </summary>
public sealed class SharedHost : IAsyncLifetime, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (Pipeline Pipeline, HostProcess Process)? _started;

    /// <summary>Starts the host once, configured by <paramref name="configure"/>; later calls return the same one.</summary>
    public async Task<Pipeline> EnsureStartedAsync(LocalClusterFixture cluster, string roles, Action<Pipeline> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        await _gate.WaitAsync();
        try
        {
            if (_started is null)
            {
                var pipeline = new Pipeline(cluster, cluster.CreateTopics());
                configure(pipeline);
                var process = pipeline.Start(roles);
                await process.WaitUntilRunningAsync();
                _started = (pipeline, process);
            }

            return _started.Value.Pipeline;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The running host's output, for diagnosing a failure.</summary>
    public IEnumerable<string> Output => _started?.Process.Output ?? [];

    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_started is { } started)
        {
            _started = null;
            await started.Process.DisposeAsync();
        }

        _gate.Dispose();
    }
}

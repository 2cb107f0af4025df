using Confluent.SchemaRegistry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streams.Envelope;

/// <summary>
/// Gets the process its <see cref="EnvelopeSerializer"/> once the host has started: registers the envelope schema
/// (or fetches the configured <see cref="EnvelopeOptions.SchemaId"/>), retrying for as long as the registry is
/// unreachable — the host's start waits up to <see cref="EnvelopeOptions.StartupTimeoutMs"/> for it, then goes on
/// with /readyz saying not ready and an error line — and stops the host with exit code 2 when the registry refuses
/// the schema. Hops await <see cref="GetAsync"/> before their first record.
/// </summary>
/// <remarks>
/// The work starts in <see cref="StartedAsync"/>, after every hosted service — Kestrel included — has started, so a
/// process that runs the SchemaRegistry role itself can register with it; it goes on in the background past the
/// start-up wait, so a registry that waits for its own topic does not stop the host.
/// </remarks>
public sealed partial class EnvelopeSerializerProvider(
    ISchemaRegistryClient registry,
    IOptions<EnvelopeOptions> options,
    ILogger<EnvelopeSerializerProvider> logger,
    IHostApplicationLifetime? lifetime = null) : IHostedLifecycleService, IDisposable
{
    /// <summary>The exit code of a host stopped because the registry refused the envelope schema.</summary>
    public const int RefusedExitCode = 2;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RepeatLogAfter = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource<EnvelopeSerializer> _serializer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task _setUp = Task.CompletedTask;
    private volatile string? _waitingFor;

    /// <summary>The serializer once start-up has got the schema id, else <see langword="null"/>.</summary>
    public EnvelopeSerializer? Current => _serializer.Task.IsCompletedSuccessfully ? _serializer.Task.Result : null;

    /// <summary>Why the serializer is not there yet (the registry's last failure), or null.</summary>
    public string? WaitingFor => _waitingFor;

    /// <summary>The serializer, for code that runs only after <see cref="GetAsync"/> completed (e.g. consumer loops started after it).</summary>
    /// <exception cref="InvalidOperationException">The schema is not set up yet.</exception>
    public EnvelopeSerializer Ready => Current ?? throw new InvalidOperationException("The envelope serializer is used before the schema registry answered.");

    /// <summary>Waits for the serializer.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The serializer.</returns>
    public Task<EnvelopeSerializer> GetAsync(CancellationToken cancellationToken) => _serializer.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Registers the schema (or fetches the configured id), waiting up to <see cref="EnvelopeOptions.StartupTimeoutMs"/>
    /// so a host whose registry answers is ready when it says it runs; past that the set-up goes on in the background.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait (not the set-up, which runs until it succeeds, fails for good, or the host stops).</param>
    /// <returns>A task that completes when the serializer is ready or the wait is over.</returns>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _setUp = Task.Run(() => SetUpAsync(settings, _stopping.Token), CancellationToken.None);
        await Task.WhenAny(_serializer.Task, Task.Delay(settings.StartupTimeoutMs, cancellationToken)).ConfigureAwait(false);
        if (_serializer.Task.IsFaulted)
        {
            // Refused during the start: the host does not start, and says which setting to fix.
            throw _serializer.Task.Exception.InnerException!;
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _serializer.TrySetCanceled(cancellationToken);
        await _setUp.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task SetUpAsync(EnvelopeOptions settings, CancellationToken stopping)
    {
        try
        {
            var serializer = await CreateAsync(settings, stopping).ConfigureAwait(false);
            _waitingFor = null;
            LogReady(EnvelopeSchemas.Subject, serializer.SchemaId);
            _serializer.TrySetResult(serializer);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _serializer.TrySetCanceled(stopping);
        }
        catch (Exception ex)
        {
            var failure = new EnvelopeSetupException(
                $"The envelope schema could not be set up (subject '{EnvelopeSchemas.Subject}', Streams:Envelope:SchemaId '{settings.SchemaId}'): {ex.Message}", ex);
            _waitingFor = failure.Message;
            _serializer.TrySetException(failure);
            LogRefused(failure.Message);
            if (lifetime is not null && lifetime.ApplicationStarted.IsCancellationRequested)
            {
                Environment.ExitCode = RefusedExitCode;
                lifetime.StopApplication();
            }
        }
    }

    private async Task<EnvelopeSerializer> CreateAsync(EnvelopeOptions settings, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var lastLogged = DateTimeOffset.MinValue;
        var overdueLogged = false;
        while (true)
        {
            try
            {
                if (settings.SchemaId is { } id)
                {
                    var given = await registry.GetSchemaAsync(id).WaitAsync(cancellationToken).ConfigureAwait(false);
                    return new EnvelopeSerializer(registry, id, EnvelopeSchemas.Parse(given));
                }

                var schema = new Schema(EnvelopeSchemas.CurrentJson, SchemaType.Avro);
                var registered = await registry.RegisterSchemaAsync(EnvelopeSchemas.Subject, schema).WaitAsync(cancellationToken).ConfigureAwait(false);
                return new EnvelopeSerializer(registry, registered, EnvelopeSchemas.Current);
            }
            catch (Exception ex) when (RegistryFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Unreachable or failing: the registry may still be starting (or waiting for its topic); keep trying,
                // logging the reason when it changes and now and then, not on every attempt.
                var reason = "The schema registry has not answered yet: " + ex.Message;
                var now = DateTimeOffset.UtcNow;
                if (reason != _waitingFor || now - lastLogged > RepeatLogAfter)
                {
                    LogRetrying(ex.Message);
                    lastLogged = now;
                }

                _waitingFor = reason;
                if (!overdueLogged && now - started > TimeSpan.FromMilliseconds(settings.StartupTimeoutMs))
                {
                    LogOverdue(settings.StartupTimeoutMs, ex.Message);
                    overdueLogged = true;
                }

                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Envelope schema ready: subject {Subject}, id {SchemaId}")]
    private partial void LogReady(string subject, int schemaId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema registry not ready, trying again: {Reason}")]
    private partial void LogRetrying(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The schema registry has not answered for {TimeoutMs} ms (Streams:Envelope:StartupTimeoutMs): {Reason}; still trying, /readyz says not ready")]
    private partial void LogOverdue(int timeoutMs, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping with exit code 2: {Reason}")]
    private partial void LogRefused(string reason);
}

using Confluent.SchemaRegistry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streams.Envelope;

/// <summary>
/// Gets the process its <see cref="EnvelopeSerializer"/> once the host has started: registers the envelope schema
/// (or fetches the configured <see cref="EnvelopeOptions.SchemaId"/>), retrying while the registry is unreachable, and
/// stops the host if it cannot. Hops await <see cref="GetAsync"/> before their first record.
/// </summary>
/// <remarks>
/// The work happens in <see cref="StartedAsync"/>, after every hosted service — Kestrel included — has started, so a
/// process that runs the SchemaRegistry role itself can register with it.
/// </remarks>
public sealed partial class EnvelopeSerializerProvider(
    ISchemaRegistryClient registry,
    IOptions<EnvelopeOptions> options,
    ILogger<EnvelopeSerializerProvider> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private readonly TaskCompletionSource<EnvelopeSerializer> _serializer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The serializer once start-up has got the schema id, else <see langword="null"/>.</summary>
    public EnvelopeSerializer? Current => _serializer.Task.IsCompletedSuccessfully ? _serializer.Task.Result : null;

    /// <summary>The serializer, for code that runs only after <see cref="GetAsync"/> completed (e.g. consumer loops started after it).</summary>
    /// <exception cref="InvalidOperationException">The schema is not set up yet.</exception>
    public EnvelopeSerializer Ready => Current ?? throw new InvalidOperationException("The envelope serializer is used before the schema registry answered.");

    /// <summary>Waits for the serializer.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The serializer.</returns>

    public Task<EnvelopeSerializer> GetAsync(CancellationToken cancellationToken) => _serializer.Task.WaitAsync(cancellationToken);

    /// <summary>Registers the schema or fetches the configured id; throws, stopping the host, when that fails.</summary>
    /// <param name="cancellationToken">Aborts start-up.</param>
    /// <returns>A task that completes when the serializer is ready.</returns>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.StartupTimeoutMs);
        try
        {
            var serializer = await CreateAsync(settings, deadline.Token).ConfigureAwait(false);
            LogReady(EnvelopeSchemas.Subject, serializer.SchemaId);
            _serializer.TrySetResult(serializer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = new InvalidOperationException(
                $"The envelope schema could not be set up (subject '{EnvelopeSchemas.Subject}', Streams:Envelope:SchemaId '{settings.SchemaId}'): {ex.Message}", ex);
            _serializer.TrySetException(failure);
            throw failure;
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _serializer.TrySetCanceled(cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<EnvelopeSerializer> CreateAsync(EnvelopeOptions settings, CancellationToken cancellationToken)
    {
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
                // Unreachable or failing: the registry may still be starting; the deadline bounds the wait.
                LogRetrying(ex.Message);
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Envelope schema ready: subject {Subject}, id {SchemaId}")]
    private partial void LogReady(string subject, int schemaId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema registry not ready, trying again: {Reason}")]
    private partial void LogRetrying(string reason);
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Streams.Egress.Delivery;
using Streams.Kafka;

namespace Streams.Egress;

/// <summary>
/// Delivers events to one subscription: batches of up to its batch size, partitions in parallel up to
/// its in-flight limit, one batch at a time per partition so events of a key arrive in order.
/// </summary>
public sealed class SubscriptionDelivery : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly SubscriptionOptions _options;
    private readonly Uri _url;
    private readonly WebhookSigner? _signer;
    private readonly WebhookClient _client;
    private readonly DeadLetterWriter _deadLetters;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight;

    /// <summary>Prepares delivery for one subscription.</summary>
    public SubscriptionDelivery(SubscriptionOptions options, WebhookClient client, DeadLetterWriter deadLetters, ILogger logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _url = new Uri(options.Url);
        _signer = options.Secret.Length > 0 ? new WebhookSigner(options.Secret) : null;
        _client = client;
        _deadLetters = deadLetters;
        _logger = logger;
        _inFlight = new SemaphoreSlim(options.MaxInFlight);
    }

    /// <summary>The subscription's name.</summary>
    public string Name => _options.Name;

    /// <summary>True when the subscription wants events of this type.</summary>
    public bool Matches(string type) => _options.Types.Count == 0 || _options.Types.Contains(type, StringComparer.Ordinal);

    /// <summary>
    /// Returns once every event is delivered or dead-lettered (handed to <paramref name="deadLetterBatch"/>).
    /// Retryable failures are retried until they succeed or the host stops.
    /// </summary>
    public Task DeliverAsync(IReadOnlyList<OutgoingEvent> events, DeliveryBatch deadLetterBatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var partitions = events.Where(e => Matches(e.Type)).GroupBy(e => e.Record.TopicPartition);
        return Task.WhenAll(partitions.Select(partition => DeliverPartitionAsync([.. partition], deadLetterBatch, cancellationToken)));
    }

    private async Task DeliverPartitionAsync(List<OutgoingEvent> events, DeliveryBatch deadLetterBatch, CancellationToken cancellationToken)
    {
        foreach (var chunk in events.Chunk(_options.BatchSize))
        {
            await _inFlight.WaitAsync(cancellationToken);
            try
            {
                await DeliverChunkAsync(chunk, deadLetterBatch, cancellationToken);
            }
            finally
            {
                _inFlight.Release();
            }
        }
    }

    private async Task DeliverChunkAsync(OutgoingEvent[] chunk, DeliveryBatch deadLetterBatch, CancellationToken cancellationToken)
    {
        var body = EventBatchBody.Build([.. chunk.Select(e => e.Json)]);
        var messageId = MessageId(chunk, body);
        var timeout = TimeSpan.FromMilliseconds(_options.TimeoutMs);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await _client.SendAsync(_url, messageId, _signer, body, timeout, cancellationToken);
            switch (outcome.Kind)
            {
                case DeliveryOutcomeKind.Delivered:
                    return;
                case DeliveryOutcomeKind.Rejected:
                    foreach (var rejected in chunk)
                    {
                        _deadLetters.Write(deadLetterBatch, rejected.Record, Name, outcome.Status, outcome.Reason, attempt, cancellationToken);
                    }

                    return;
                default:
                    var delay = outcome.RetryAfter is { } retryAfter && retryAfter < MaxBackoff ? retryAfter : Backoff(attempt);
                    _logger.LogWarning(
                        "Delivery of {Count} events to {Subscription} failed ({Reason}), attempt {Attempt}; retrying in {Delay}",
                        chunk.Length, Name, outcome.Reason, attempt, delay);
                    await Task.Delay(delay, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>
    /// Stable across retries of the same batch (Standard Webhooks' idempotency key): derived from the
    /// subscription, the records' coordinates and the body, never from the attempt. The body is in it
    /// because offsets alone repeat when a cluster is recreated (the local one lives in memory).
    /// </summary>
    private string MessageId(OutgoingEvent[] chunk, byte[] body)
    {
        var first = chunk[0].Record;
        var last = chunk[^1].Record;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{Name}|{first.Topic}|{first.Partition.Value}|{first.Offset.Value}|{last.Offset.Value}|"));
        hash.AppendData(body);
        return "msg_" + Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <inheritdoc />
    public void Dispose() => _inFlight.Dispose();

    private static TimeSpan Backoff(int attempt)
    {
        var exponential = Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(attempt, 16)));
        // Full jitter keeps many failing partitions from retrying in lockstep.
        return TimeSpan.FromMilliseconds(exponential / 2 + (Random.Shared.NextDouble() * exponential / 2));
    }
}

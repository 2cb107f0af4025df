using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streams.Kafka;
using Streams.LoadTest;
using Streams.Operations;

namespace Streams.Chaos;

/// <summary>
/// Which of a row's events are in the dead-letter topic: read as <c>./streams dlq list</c> reads it (a snapshot outside
/// any group), each record known by the event-hash header every hop copies (<see cref="EventIdentity"/>).
/// </summary>
internal sealed class DeadLetterReader
{
    private readonly KafkaClientFactory _clients;
    private readonly string _topic;
    private readonly Dictionary<ulong, long> _sequences = [];

    public DeadLetterReader(string bootstrapServers, TopicOptions topics, LoadEventIds ids, long events)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(ids);
        _clients = new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers, Topics = topics }), NullLoggerFactory.Instance);
        _topic = topics.DeadLetters;
        for (var sequence = 0L; sequence < events; sequence++)
        {
            _sequences[EventIdentity.Of(LoadBatchWriter.Source, ids.IdOf(sequence))] = sequence;
        }
    }

    /// <summary>The sequence numbers of this row's events the topic holds now.</summary>
    public Task<IReadOnlySet<long>> ReadAsync() => Task.Run<IReadOnlySet<long>>(() =>
    {
        var found = new HashSet<long>();
        new TopicSnapshot(_clients, new Progress<SnapshotProgress>()).Read(_topic, record =>
        {
            if (EventIdentity.TryRead(record.Message.Headers, out var identity) && _sequences.TryGetValue(identity, out var sequence))
            {
                found.Add(sequence);
            }
        });
        return found;
    });
}

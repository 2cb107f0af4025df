using System.Text;
using Confluent.Kafka;
using Streams.Kafka;

namespace Streams.Operations;

/// <summary>
/// Which dead letters were redriven already: the <c>dlq.redriven</c> topic holds one record per redriven dead letter,
/// keyed by its coordinates, so a redrive sends each once and <c>dlq list</c> can tell them apart.
/// </summary>
internal sealed class RedriveLedger
{
    private readonly HashSet<string> _redriven = new(StringComparer.Ordinal);

    /// <summary>Reads the ledger topic as it is now.</summary>
    public static RedriveLedger Read(TopicSnapshot snapshot, TopicOptions topics)
    {
        var ledger = new RedriveLedger();
        snapshot.Read(topics.RedriveLedger, record => ledger._redriven.Add(Encoding.UTF8.GetString(record.Message.Key ?? [])));
        return ledger;
    }

    /// <summary>The ledger key of a dead letter: its partition and offset in the dead-letter topic.</summary>
    public static string CoordinatesOf(ConsumeResult<byte[]?, byte[]> deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return $"{deadLetter.Partition.Value}/{deadLetter.Offset.Value}";
    }

    /// <summary>True when the dead letter was redriven before.</summary>
    public bool Contains(ConsumeResult<byte[]?, byte[]> deadLetter) => _redriven.Contains(CoordinatesOf(deadLetter));
}

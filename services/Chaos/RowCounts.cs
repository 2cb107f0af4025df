using Streams.LoadTest;

namespace Streams.Chaos;

/// <summary>
/// What became of a row's events, id by id. Only events ingest answered 200 for are promised (DESIGN §1): each is
/// delivered, or else dead-lettered, or else lost — so <c>Delivered + DeadLettered + Lost == Answered200</c>.
/// </summary>
/// <param name="Sent">Events sent.</param>
/// <param name="Answered200">Events in requests ingest answered 200.</param>
/// <param name="NotAnswered200">Events in requests answered otherwise (503, connection refused, time-out): not promised.</param>
/// <param name="Delivered">Answered-200 events the receiver got at least once.</param>
/// <param name="DeadLettered">Answered-200 events never delivered and found in the dead-letter topic.</param>
/// <param name="Lost">Answered-200 events neither delivered nor dead-lettered.</param>
/// <param name="Duplicates">Receipts beyond the first of an event.</param>
internal sealed record RowCounts(long Sent, long Answered200, long NotAnswered200, long Delivered, long DeadLettered, long Lost, long Duplicates)
{
    /// <summary>Counts from the row's ledger and the sequence numbers of its events in the dead-letter topic.</summary>
    public static RowCounts From(EventLedger ledger, IReadOnlySet<long> deadLettered)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(deadLettered);
        long answered = 0, delivered = 0, dead = 0, lost = 0;
        for (var sequence = 0L; sequence < ledger.Events; sequence++)
        {
            if (!ledger.IsAcknowledged(sequence))
            {
                continue;
            }

            answered++;
            if (ledger.ReceiptsOf(sequence) > 0)
            {
                delivered++;
            }
            else if (deadLettered.Contains(sequence))
            {
                dead++;
            }
            else
            {
                lost++;
            }
        }

        return new RowCounts(ledger.Events, answered, ledger.Refused, delivered, dead, lost, ledger.Duplicates);
    }
}

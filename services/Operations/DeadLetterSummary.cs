using Confluent.Kafka;
using Streams.Kafka;

namespace Streams.Operations;

/// <summary>Counts of dead letters by subscription, reason and status, and how many of each were redriven already.</summary>
public sealed class DeadLetterSummary
{
    private readonly Dictionary<DeadLetterKey, (long Count, long Redriven)> _counts = [];

    /// <summary>Counts what the dead-letter topic holds now, and which of it the redrive ledger says was redriven.</summary>
    public static DeadLetterSummary Read(TopicSnapshot snapshot, TopicOptions topics)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(topics);
        var summary = new DeadLetterSummary();
        var redriven = RedriveLedger.Read(snapshot, topics);
        snapshot.Read(topics.DeadLetters, record => summary.Add(record.Message.Headers, redriven.Contains(record)));
        return summary;
    }

    /// <summary>Adds one dead letter.</summary>
    public void Add(Headers? headers, bool redriven = false) => Add(KeyOf(headers), redriven);

    /// <summary>Adds one dead letter by its key.</summary>
    public void Add(DeadLetterKey key, bool redriven = false)
    {
        var (count, redrivenCount) = _counts.GetValueOrDefault(key);
        _counts[key] = (count + 1, redrivenCount + (redriven ? 1 : 0));
    }

    /// <summary>Groups, most frequent first.</summary>
    public IReadOnlyList<(DeadLetterKey Key, long Count, long Redriven)> Rows() =>
        [.. _counts.OrderByDescending(c => c.Value.Count).ThenBy(c => c.Key.Subscription, StringComparer.Ordinal).Select(c => (c.Key, c.Value.Count, c.Value.Redriven))];

    /// <summary>The grouping key of a dead-letter record.</summary>
    public static DeadLetterKey KeyOf(Headers? headers) =>
        new(headers.GetText(StreamsHeaders.Subscription) ?? "", headers.GetText(StreamsHeaders.Reason) ?? "(no reason)", headers.GetText(StreamsHeaders.LastStatus) ?? "");

    /// <summary>The table as text.</summary>
    public string Format()
    {
        var rows = Rows();
        if (rows.Count == 0)
        {
            return "No dead letters.";
        }

        var width = Math.Max("subscription".Length, rows.Max(r => r.Key.Subscription.Length));
        var lines = new List<string> { $"{"count",8}  {"redriven",8}  {"subscription".PadRight(width)}  {"status",6}  reason" };
        lines.AddRange(rows.Select(r => $"{r.Count,8}  {r.Redriven,8}  {(r.Key.Subscription.Length == 0 ? "(none)" : r.Key.Subscription).PadRight(width)}  {r.Key.Status,6}  {r.Key.Reason}"));
        lines.Add($"{rows.Sum(r => r.Count),8}  dead letters in all, {rows.Sum(r => r.Redriven)} of them redriven already");
        return string.Join(Environment.NewLine, lines);
    }
}

using System.Text;

namespace Streams.Receipts;

/// <summary>
/// The in-memory index of receipts by event identity, bounded to <c>MaxEvents</c> events: past it the event that
/// entered first is forgotten (its later receipts would bring it back, partial). Each stage keeps its latest receipt.
/// Pure logic, no Kafka: <see cref="ReceiptIndex"/> feeds it from the topic. Thread-safe.
/// </summary>
public sealed class ReceiptStore(int maxEvents)
{
    private static readonly byte[] AcceptedStage = Encoding.UTF8.GetBytes(ReceiptStages.Accepted);
    private static readonly byte[] NormaliserStage = Encoding.UTF8.GetBytes(ReceiptStages.Normaliser);
    private static readonly byte[] DuplicateStage = Encoding.UTF8.GetBytes(ReceiptStages.Duplicate);
    private static readonly byte[] SubscriptionPrefix = Encoding.UTF8.GetBytes(ReceiptStages.SubscriptionPrefix);
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, EventReceipts> _events = [];
    private readonly Queue<ulong> _arrivals = new();
    private readonly List<(byte[] Utf8, string Name)> _names = [];
    private ReceiptBatchCodec.EntryAction? _addEntry;

    /// <summary>Events held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Takes every receipt of one record's value (<see cref="ReceiptBatchCodec"/>); false when it is not a whole batch.</summary>
    public bool AddBatch(byte[]? value)
    {
        if (value is null)
        {
            return false;
        }

        // One lock a record rather than a receipt: the index thread takes it at the ingest rate, lookups now and then.
        lock (_gate)
        {
            return ReceiptBatchCodec.TryRead(value, _addEntry ??= (key, receipt) => AddLocked(key, receipt.ToArray()));
        }
    }

    /// <summary>Takes one receipt; false (and nothing kept) when its key or value is not a receipt's.</summary>
    public bool Add(ReadOnlySpan<byte> key, byte[]? value)
    {
        if (value is null)
        {
            return false;
        }

        lock (_gate)
        {
            return AddLocked(key, value);
        }
    }

    /// <summary>The receipts of the event with <paramref name="identity"/>, decoded; null when none are held.</summary>
    public (Receipt? Accepted, Receipt? Normaliser, Receipt? Duplicate, IReadOnlyList<KeyValuePair<string, Receipt>> Subscriptions)? Find(ulong identity)
    {
        lock (_gate)
        {
            if (!_events.TryGetValue(identity, out var receipts))
            {
                return null;
            }

            // Values were only checked for their header on the way in: one that does not decode is left out.
            return (Decode(receipts.Accepted), Decode(receipts.Normaliser), Decode(receipts.Duplicate), [.. receipts.Subscriptions
                .Select(s => (s.Key, Receipt: Decode(s.Value)))
                .Where(s => s.Receipt is not null)
                .Select(s => new KeyValuePair<string, Receipt>(s.Key, s.Receipt!.Value))]);
        }
    }

    private bool AddLocked(ReadOnlySpan<byte> key, byte[] value)
    {
        if (!ReceiptKey.TryRead(key, out var stage, out var identity) || !ReceiptValueCodec.IsReceipt(value))
        {
            return false;
        }

        if (stage.SequenceEqual(AcceptedStage))
        {
            EventOf(identity).Accepted = value;
        }
        else if (stage.SequenceEqual(NormaliserStage))
        {
            EventOf(identity).Normaliser = value;
        }
        else if (stage.SequenceEqual(DuplicateStage))
        {
            EventOf(identity).Duplicate = value;
        }
        else if (stage.StartsWith(SubscriptionPrefix))
        {
            EventOf(identity).SetSubscription(Name(stage[SubscriptionPrefix.Length..]), value);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static Receipt? Decode(byte[]? value) => value is not null && ReceiptValueCodec.TryDecode(value, out var receipt) ? receipt : null;

    private EventReceipts EventOf(ulong identity)
    {
        if (_events.TryGetValue(identity, out var receipts))
        {
            return receipts;
        }

        if (_events.Count >= maxEvents)
        {
            _events.Remove(_arrivals.Dequeue());
        }

        receipts = new EventReceipts();
        _events.Add(identity, receipts);
        _arrivals.Enqueue(identity);
        return receipts;
    }

    // Subscriptions are few: one string per name, shared by every event, instead of one per record.
    private string Name(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, name) in _names)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return name;
            }
        }

        var added = Encoding.UTF8.GetString(utf8);
        _names.Add((utf8.ToArray(), added));
        return added;
    }
}

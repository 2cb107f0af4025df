namespace Streams.Receipts;

/// <summary>
/// What the index holds of one event: each stage's latest receipt value, as the bytes came from the topic (decoded only
/// when asked for), so an event costs a few small arrays.
/// </summary>
internal sealed class EventReceipts
{
    private KeyValuePair<string, byte[]>[] _subscriptions = [];

    public byte[]? Accepted { get; set; }

    public byte[]? Normaliser { get; set; }

    public byte[]? Duplicate { get; set; }

    public IReadOnlyList<KeyValuePair<string, byte[]>> Subscriptions => _subscriptions;

    /// <summary>Keeps <paramref name="value"/> as the subscription's latest receipt (the later record wins).</summary>
    public void SetSubscription(string name, byte[] value)
    {
        var index = Array.FindIndex(_subscriptions, entry => entry.Key == name);
        if (index < 0)
        {
            Array.Resize(ref _subscriptions, _subscriptions.Length + 1);
            index = _subscriptions.Length - 1;
        }

        _subscriptions[index] = new(name, value);
    }
}

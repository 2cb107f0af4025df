using Streams.Kafka;

namespace Streams.Receipts.Tests;

public sealed class ReceiptStoreTests
{
    [Fact]
    public void Add_SameStageTwice_LatestWins()
    {
        // Arrange
        var store = new ReceiptStore(maxEvents: 10);
        var stage = ReceiptStages.Subscription("shop");
        Add(store, stage, "/s", "1", new Receipt(ReceiptOutcome.Retrying, 1) { Tier = "30s", Attempts = 3 });

        // Act
        Add(store, stage, "/s", "1", new Receipt(ReceiptOutcome.Delivered, 2) { Status = 200, Attempts = 4 });

        // Assert
        var found = store.Find(EventIdentity.Of("/s", "1"));
        Assert.NotNull(found);
        var subscription = Assert.Single(found.Value.Subscriptions);
        Assert.Equal("shop", subscription.Key);
        Assert.Equal(ReceiptOutcome.Delivered, subscription.Value.Outcome);
        Assert.Equal(4, subscription.Value.Attempts);
        Assert.Null(subscription.Value.Tier);
    }

    [Fact]
    public void Add_EveryStage_KeptSideBySide()
    {
        // Arrange
        var store = new ReceiptStore(maxEvents: 10);

        // Act
        Add(store, ReceiptStages.Accepted, "/s", "1", new Receipt(ReceiptOutcome.Accepted, 1) { Partition = 2, Offset = 7 });
        Add(store, ReceiptStages.Normaliser, "/s", "1", new Receipt(ReceiptOutcome.Normalised, 2) { Partition = 1, Offset = 9 });
        Add(store, ReceiptStages.Subscription("a"), "/s", "1", new Receipt(ReceiptOutcome.Delivered, 3));
        Add(store, ReceiptStages.Subscription("b"), "/s", "1", new Receipt(ReceiptOutcome.DeadLettered, 4) { Reason = "410 Gone" });
        Add(store, ReceiptStages.Accepted, "/s", "2", new Receipt(ReceiptOutcome.Accepted, 5));

        // Assert
        var found = store.Find(EventIdentity.Of("/s", "1"))!.Value;
        Assert.Equal(new Receipt(ReceiptOutcome.Accepted, 1) { Partition = 2, Offset = 7 }, found.Accepted);
        Assert.Equal(ReceiptOutcome.Normalised, found.Normaliser?.Outcome);
        Assert.Equal(["a", "b"], found.Subscriptions.Select(s => s.Key).Order());
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Add_DuplicateAfterNormalised_KeepsBoth()
    {
        // Arrange
        var store = new ReceiptStore(maxEvents: 10);
        Add(store, ReceiptStages.Normaliser, "/s", "1", new Receipt(ReceiptOutcome.Normalised, 1) { Partition = 0, Offset = 5 });

        // Act: the sender resent it and the normaliser suppressed the copy.
        Add(store, ReceiptStages.Duplicate, "/s", "1", new Receipt(ReceiptOutcome.Duplicate, 2));

        // Assert
        var found = store.Find(EventIdentity.Of("/s", "1"))!.Value;
        Assert.Equal(ReceiptOutcome.Normalised, found.Normaliser?.Outcome);
        Assert.Equal(ReceiptOutcome.Duplicate, found.Duplicate?.Outcome);
    }

    [Fact]
    public void Add_PastMaxEvents_ForgetsTheOldestEventFirst()
    {
        // Arrange
        var store = new ReceiptStore(maxEvents: 3);
        string[] first = ["1", "2", "3"];
        foreach (var id in first)
        {
            Add(store, ReceiptStages.Accepted, "/s", id, new Receipt(ReceiptOutcome.Accepted, 1));
        }

        // Act: a later stage of the oldest does not make it younger; a fourth event pushes it out.
        Add(store, ReceiptStages.Normaliser, "/s", "1", new Receipt(ReceiptOutcome.Normalised, 2));
        Add(store, ReceiptStages.Accepted, "/s", "4", new Receipt(ReceiptOutcome.Accepted, 3));

        // Assert
        Assert.Equal(3, store.Count);
        Assert.Null(store.Find(EventIdentity.Of("/s", "1")));
        string[] kept = ["2", "3", "4"];
        Assert.All(kept, id => Assert.NotNull(store.Find(EventIdentity.Of("/s", id))));
    }

    [Fact]
    public void Add_NotAReceipt_IgnoredAndFalse()
    {
        // Arrange
        var store = new ReceiptStore(maxEvents: 3);
        var key = ReceiptKey.Encode(ReceiptStages.Accepted, "/s", "1");

        // Act
        var garbage = store.Add(key, [1, 2, 3]);
        var tombstone = store.Add(key, null);
        var unknownStage = store.Add(ReceiptKey.Encode("auditor", "/s", "1"), ReceiptValueCodec.Encode(new Receipt(ReceiptOutcome.Accepted, 1)));

        // Assert
        Assert.False(garbage);
        Assert.False(tombstone);
        Assert.False(unknownStage);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Add_DeliveredEvents_CostAFewHundredBytesEach()
    {
        // Arrange: accepted, normalised and delivered to one subscription — the common case MaxEvents is sized for.
        const int events = 100_000;
        var store = new ReceiptStore(events);
        var accepted = ReceiptValueCodec.Encode(new Receipt(ReceiptOutcome.Accepted, 1_764_756_000_123) { Partition = 3, Offset = 1_234_567 });
        var normalised = ReceiptValueCodec.Encode(new Receipt(ReceiptOutcome.Normalised, 1_764_756_000_130) { Partition = 1, Offset = 7_654_321 });
        var keys = Enumerable.Range(0, events).Select(i => (
            Accepted: ReceiptKey.Encode(ReceiptStages.Accepted, "/shop/orders", $"order-{i:D9}"),
            Normaliser: ReceiptKey.Encode(ReceiptStages.Normaliser, "/shop/orders", $"order-{i:D9}"),
            Delivered: ReceiptKey.Encode(ReceiptStages.Subscription("billing"), "/shop/orders", $"order-{i:D9}"))).ToList();
        var delivered = keys.Select(_ => ReceiptValueCodec.Encode(
            new Receipt(ReceiptOutcome.Delivered, 1_764_756_000_200) { Status = 200, Attempts = 1, WebhookId = "msg_" + new string('a', 32) })).ToList();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        // Act: the values are copies as a consumer hands them over (each record its own array).
        for (var i = 0; i < events; i++)
        {
            store.Add(keys[i].Accepted, (byte[])accepted.Clone());
            store.Add(keys[i].Normaliser, (byte[])normalised.Clone());
            store.Add(keys[i].Delivered, delivered[i]);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);

        // Assert: what docs/receipts.md says MaxEvents costs (the delivered values were allocated before, so add them).
        var perEvent = ((after - before) / (double)events) + 24 + delivered[0].Length;
        Assert.Equal(events, store.Count);
        Assert.InRange(perEvent, 200, 400);
        GC.KeepAlive(keys);
    }

    private static void Add(ReceiptStore store, string stage, string source, string id, Receipt receipt) =>
        Assert.True(store.Add(ReceiptKey.Encode(stage, source, id), ReceiptValueCodec.Encode(receipt)));
}

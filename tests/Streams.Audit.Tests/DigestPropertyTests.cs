using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Streams.Kafka;

namespace Streams.Audit.Tests;

/// <summary>The properties the loss table relies on: digests ignore order, but see duplicates and swaps.</summary>
public class DigestPropertyTests
{
    private const string Hop = "normaliser";
    private const long Minute = 1_795_412_340_000;

    [Property]
    public Property Record_AnyOrder_GivesTheSameCountAndDigest(NonEmptyArray<NonNegativeInt> ids, int seed)
    {
        var events = ids.Get.Select(id => EventIdentity.Of("/p", id.Get.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var shuffled = events.OrderBy(_ => new Random(seed).Next()).ToArray();

        var inOrder = Single(Recorded(events));
        var reordered = Single(Recorded(shuffled));

        return (inOrder == reordered).Label($"{inOrder} vs {reordered}");
    }

    [Property]
    public Property Record_OneEventTwice_ChangesTheDigest(NonEmptyArray<NonNegativeInt> ids)
    {
        var events = ids.Get.Distinct().Select(id => EventIdentity.Of("/p", $"{id.Get}")).ToArray();
        var withDuplicate = events.Append(events[0]).ToArray();

        var once = Single(Recorded(events));
        var twice = Single(Recorded(withDuplicate));

        return (once.Digest != twice.Digest).Label("a duplicate must not cancel itself out");
    }

    [Property]
    public Property Record_LossHiddenByADuplicate_SameCountButDifferentDigest(PositiveInt size, NonNegativeInt lostIndex, NonNegativeInt duplicateIndex)
    {
        var events = Enumerable.Range(0, size.Get + 1).Select(id => EventIdentity.Of("/p", $"{id}")).ToArray();
        var lost = lostIndex.Get % events.Length;
        var duplicated = (lost + 1 + (duplicateIndex.Get % (events.Length - 1))) % events.Length;
        var downstream = events.Where((_, index) => index != lost).Append(events[duplicated]).ToArray();

        var upstream = Single(Recorded(events));
        var seen = Single(Recorded(downstream));

        return (upstream.Count == seen.Count && upstream.Digest != seen.Digest).Label($"lost {lost}, duplicated {duplicated}");
    }

    [Property]
    public Property TakeSnapshot_SplitAcrossFlushes_SumsToTheSameTotals(NonEmptyArray<NonNegativeInt> ids, PositiveInt split)
    {
        var events = ids.Get.Select(id => EventIdentity.Of("/p", $"{id.Get}")).ToArray();
        var at = split.Get % (events.Length + 1);
        var recorder = new AuditRecorder();

        foreach (var identity in events[..at])
        {
            recorder.Record(Hop, AuditStage.Out, Minute, identity);
        }

        var first = recorder.TakeSnapshot();
        foreach (var identity in events[at..])
        {
            recorder.Record(Hop, AuditStage.Out, Minute, identity);
        }

        var both = first.Concat(recorder.TakeSnapshot()).ToList();
        var summed = (Count: both.Sum(entry => entry.Count), Digest: both.Aggregate(0UL, (sum, entry) => unchecked(sum + entry.Digest)));

        return (summed == Single(Recorded(events))).ToProperty();
    }

    private static IReadOnlyList<AuditEntry> Recorded(IEnumerable<ulong> identities)
    {
        var recorder = new AuditRecorder();
        foreach (var identity in identities)
        {
            recorder.Record(Hop, AuditStage.Out, Minute + 1234, identity);
        }

        return recorder.TakeSnapshot();
    }

    private static (long Count, ulong Digest) Single(IReadOnlyList<AuditEntry> entries) =>
        entries.Count == 1 ? (entries[0].Count, entries[0].Digest) : throw new InvalidOperationException($"{entries.Count} entries");
}

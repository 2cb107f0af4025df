using System.Text;
using System.Text.Json;

namespace Streams.LoadTest.Tests;

public sealed class WebhookBodyReaderTests
{
    [Fact]
    public void Read_ABatchTheLoadTestWrote_GivesBackEveryIdAndTime()
    {
        // Arrange
        var ids = new LoadEventIds("run1");
        var time = new DateTimeOffset(2026, 12, 3, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4560);
        var body = LoadBatchWriter.Write(ids, 40, 3, time);
        var read = new List<(long Sequence, DateTimeOffset Time)>();

        // Act
        WebhookBodyReader.Read(body, (id, eventTime) => read.Add((ids.TryParse(id, out var sequence) ? sequence : -1, eventTime)));

        // Assert
        Assert.Equal([(40L, time), (41L, time), (42L, time)], read);
    }

    [Fact]
    public void Read_EventsWithNestedDataOrMissingMembers_SkipsWhatItDoesNotNeed()
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes("""
            [{"data":{"id":"inner","time":"x","list":[1,{"a":2}]},"id":"a","time":"2026-12-03T10:00:00Z"},
             {"id":"no-time"},
             {"time":"2026-12-03T10:00:00Z","id":"b","extra":[[]]}]
            """);
        var read = new List<string>();

        // Act
        WebhookBodyReader.Read(body, (id, _) => read.Add(id));

        // Assert
        Assert.Equal(["a", "b"], read);
    }

    [Fact]
    public void Read_NotAnArray_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => WebhookBodyReader.Read("{\"id\":\"a\"}"u8, (_, _) => { }));
    }

    [Fact]
    public void TryParse_AnotherRunsOrAForeignId_IsNotThisRuns()
    {
        var ids = new LoadEventIds("abc");

        Assert.True(ids.TryParse(ids.IdOf(12), out var sequence));
        Assert.Equal(12, sequence);
        Assert.False(ids.TryParse(new LoadEventIds("abd").IdOf(12), out _));
        Assert.False(ids.TryParse("lt-abc-12x", out _));
        Assert.False(ids.TryParse("lt-abc--1", out _));
    }
}

using Streams.Normaliser.Deduplication;

namespace Streams.Normaliser.Tests;

public class DuplicateWindowTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void Contains_AddedWithinTheWindow_True()
    {
        // Arrange
        var window = new DuplicateWindow(Window, capacity: 10);
        window.Add(DuplicateWindow.Key("/s", "1"), addedMs: 1_000);

        // Act
        window.Expire(nowMs: 1_000 + (long)Window.TotalMilliseconds);

        // Assert
        Assert.True(window.Contains(DuplicateWindow.Key("/s", "1")));
        Assert.False(window.Contains(DuplicateWindow.Key("/s", "2")));
    }

    [Fact]
    public void Expire_PastTheWindow_Forgets()
    {
        // Arrange
        var window = new DuplicateWindow(Window, capacity: 10);
        window.Add(DuplicateWindow.Key("/s", "old"), addedMs: 1_000);
        window.Add(DuplicateWindow.Key("/s", "new"), addedMs: 60_000);

        // Act
        window.Expire(nowMs: 1_001 + (long)Window.TotalMilliseconds);

        // Assert
        Assert.False(window.Contains(DuplicateWindow.Key("/s", "old")));
        Assert.True(window.Contains(DuplicateWindow.Key("/s", "new")));
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void Add_BeyondCapacity_EvictsTheOldestAndCountsIt()
    {
        // Arrange
        var window = new DuplicateWindow(Window, capacity: 3);

        // Act
        var evicted = Enumerable.Range(0, 5).Sum(i => window.Add(DuplicateWindow.Key("/s", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), i));

        // Assert
        Assert.Equal(2, evicted);
        Assert.Equal(3, window.Count);
        Assert.False(window.Contains(DuplicateWindow.Key("/s", "1")));
        Assert.True(window.Contains(DuplicateWindow.Key("/s", "2")));
    }

    [Fact]
    public void Add_SameKeyAgain_KeepsOneEntry()
    {
        // Arrange
        var window = new DuplicateWindow(Window, capacity: 3);
        window.Add(DuplicateWindow.Key("/s", "1"), 0);

        // Act
        var evicted = window.Add(DuplicateWindow.Key("/s", "1"), 5);

        // Assert
        Assert.Equal(0, evicted);
        Assert.Equal(1, window.Count);
    }

    [Theory]
    [InlineData("/a", "b:c", "/ab", ":c")]
    [InlineData("1:x", "y", "1", ":xy")]
    [InlineData("", "ab", "a", "b")]
    public void Key_DifferentPairsWithTheSameConcatenation_Differ(string source1, string id1, string source2, string id2)
    {
        // Act
        var first = DuplicateWindow.Key(source1, id1);
        var second = DuplicateWindow.Key(source2, id2);

        // Assert
        Assert.NotEqual(first, second);
    }
}

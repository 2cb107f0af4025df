using Streams.Ui.History;

namespace Streams.Ui.Tests;

public sealed class MetricsHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_MoreThanCapacity_KeepsTheNewestOldestFirst()
    {
        // Arrange
        var history = new MetricsHistory(3);

        // Act
        for (var second = 0; second < 5; second++)
        {
            history.Add(Scrapes.Point(Start.AddSeconds(second)));
        }

        // Assert
        Assert.Equal([Start.AddSeconds(2), Start.AddSeconds(3), Start.AddSeconds(4)], history.Points.Select(point => point.At));
    }

    [Fact]
    public void Constructor_CapacityBelowTwo_Throws()
    {
        // Act and assert: one scrape makes no interval.
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricsHistory(1));
    }

    [Fact]
    public void Failed_UrlAnswersAgain_DropsItsFailure()
    {
        // Arrange
        var history = new MetricsHistory(2);
        history.Failed("http://a/metrics", "refused");
        history.Failed("http://b/metrics", "timeout");

        // Act
        history.Failed("http://a/metrics", null);

        // Assert
        Assert.Equal(["http://b/metrics: timeout"], history.Failures);
    }
}

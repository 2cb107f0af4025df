using Streams.LoadTest;

namespace Streams.Chaos.Tests;

public sealed class ChaosCliTests
{
    [Fact]
    public void Settings_Short_TheFourCiRowsWithWindowsOfAtMostFiveSeconds()
    {
        var settings = ChaosCli.Settings(["--short"], shortForm: true, [], 300, outDirectory: "out");

        Assert.Equal(["broker-down", "kill-egress", "receiver-5xx", "receiver-410"], settings.Rows.Select(r => r.Name));
        Assert.All(settings.Rows, row => Assert.True(row.Window <= TimeSpan.FromSeconds(5)));
        Assert.Equal(ChaosTimeline.Short, settings.Timeline);
        Assert.Equal("./streams chaos --short", settings.Command);
    }

    [Fact]
    public void Settings_OnlyCommaSeparated_ThoseRowsInMatrixOrder()
    {
        var settings = ChaosCli.Settings([], shortForm: false, ["receiver-410,broker-down"], 300, outDirectory: null);

        Assert.Equal(["broker-down", "receiver-410"], settings.Rows.Select(r => r.Name));
        Assert.StartsWith(Path.Combine(".streams", "chaos"), settings.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_UnknownRow_UsageErrorListingTheRows()
    {
        var error = Assert.Throws<UsageException>(() => ChaosCli.Settings([], shortForm: false, ["kill-everything"], 300, outDirectory: null));

        Assert.Contains("no row kill-everything", error.Message, StringComparison.Ordinal);
        Assert.Contains("receiver-flaky", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public void Settings_RateOutOfRange_UsageError(int rate) =>
        Assert.Throws<UsageException>(() => ChaosCli.Settings([], shortForm: false, [], rate, outDirectory: null));

    [Fact]
    public void Matrix_Full_EveryFaultOfIssue14OnceWithAUniqueName()
    {
        var names = ChaosMatrix.Full.Select(r => r.Name).ToList();

        Assert.Equal(16, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(TimeSpan.FromSeconds(15), ChaosMatrix.Full.Single(r => r.Name == "all-brokers-down").Window);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_ExitsTwo()
    {
        using var output = new StringWriter();

        var exit = await ChaosCli.RunAsync(["--only", "nope"], output, CancellationToken.None);

        Assert.Equal(2, exit);
    }
}

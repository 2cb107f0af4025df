using Streams.Chaos;

namespace Streams.IntegrationTests;

/// <summary>
/// The short form of <c>./streams chaos</c> (issue 14): one broker down, SIGKILL egress, receiver 5xx and 410, each on a
/// fresh dev cluster with every role in its own process. It starts its own cluster, so it needs no fixture; it runs in
/// the cluster collection only so it does not compete for the machine's cores with the other cluster tests.
/// </summary>
[Collection(Infrastructure.ClusterTests.Name)]
public sealed class ChaosTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "streams-chaos-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ChaosShortForm_EveryRow_LosesNothingAnswered200AndAccountsForEveryId()
    {
        // Arrange
        var settings = ChaosCli.Settings(["--short"], shortForm: true, [], rate: 300, _out);
        using var output = new StringWriter();

        // Act
        var outcomes = await ChaosRun.RunAsync(settings, output, CancellationToken.None);

        // Assert
        Assert.Equal(4, outcomes.Count);
        Assert.All(outcomes, outcome =>
        {
            Assert.True(outcome.Error is null, $"{outcome.Row.Name}: {outcome.Error}");
            var counts = outcome.Counts!;
            Assert.True(counts.Lost == 0, $"{outcome.Row.Name} lost {counts.Lost}:\n{output}");
            Assert.Equal(counts.Answered200, counts.Delivered + counts.DeadLettered);
            Assert.True(counts.Answered200 > 0, $"{outcome.Row.Name}: nothing answered 200");
        });
        Assert.True(outcomes.Single(o => o.Row.Name == "receiver-410").Counts!.DeadLettered > 0, "410 dead-lettered nothing");
        Assert.All(outcomes.Where(o => o.Row.Name != "receiver-410"), o => Assert.Equal(0, o.Counts!.DeadLettered));
        Assert.True(File.Exists(Path.Combine(_out, "chaos.md")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }
}


namespace Streams.LoadTest.Tests;

public sealed class LoadTestCliTests
{
    [Theory]
    [InlineData("--rate", "0")]
    [InlineData("--duration", "11m")]
    [InlineData("--target", "ftp://example")]
    [InlineData("--batch-size", "0")]
    [InlineData("--p95-target", "fast")]
    [InlineData("--warm-up", "11m")]
    [InlineData("--warm-up", "soon")]
    public async Task RunAsync_ABadArgument_ExitsTwoNamingItAndSendsNothing(string option, string value)
    {
        // Arrange
        using var output = new StringWriter();
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);

        try
        {
            // Act
            var exit = await LoadTestCli.RunAsync([option, value, "--listen", "http://127.0.0.1:1"], output, CancellationToken.None);

            // Assert
            Assert.Equal(2, exit);
            Assert.Contains(option, captured.ToString(), StringComparison.Ordinal);
            Assert.Empty(output.ToString());
        }
        finally
        {
            Console.SetError(error);
        }
    }
}

using Streams.Operations;
using Streams.Ui.DeadLetters;

namespace Streams.Ui.Tests;

public sealed class RedriveValidationTests
{
    private static readonly string[] Configured = ["shop", "billing"];

    [Theory]
    [InlineData(null, true, "'subscription' is required")]
    [InlineData(" ", true, "'subscription' is required")]
    [InlineData("ghost", true, "Unknown subscription 'ghost'; configured: shop, billing.")]
    [InlineData("shop", null, "'confirm' must be true")]
    [InlineData("shop", false, "'confirm' must be true")]
    public void Validate_InvalidRequest_NamesTheProblem(string? subscription, bool? confirm, string expected)
    {
        // Act
        var (filter, error) = RedriveValidation.Validate(new RedriveRequest(subscription, "HTTP 410", confirm), Configured);

        // Assert
        Assert.Null(filter);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoBody_AsksForTheJsonObject()
    {
        // Act
        var (filter, error) = RedriveValidation.Validate(null, Configured);

        // Assert
        Assert.Null(filter);
        Assert.Contains("JSON object", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP 410", "HTTP 410")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Validate_ConfirmedRequest_GivesTheFilterOfDlqRedrive(string? reason, string? expected)
    {
        // Act
        var (filter, error) = RedriveValidation.Validate(new RedriveRequest("shop", reason, true), Configured);

        // Assert
        Assert.Null(error);
        Assert.Equal(new RedriveFilter("shop", expected, null), filter);
    }
}

using System.Text;

namespace Streams.Delivery.Tests;

public sealed class WebhookSignerTests
{
    [Fact]
    public void Sign_StandardWebhooksExample_MatchesThePublishedSignature()
    {
        // Arrange: the example from the Standard Webhooks specification.
        var signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

        // Act
        var signature = signer.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);

        // Assert
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    public void TryParseSecret_Malformed_ReturnsFalse(string secret)
    {
        // Act / Assert
        Assert.False(WebhookSigner.TryParseSecret(secret, out _));
    }
}

using Microsoft.AspNetCore.Http;
using Streams.Ingest.Security;

namespace Streams.Ingest.Tests;

public sealed class ApiKeyAuthenticatorTests
{
    private static readonly IngestOptions Options = new()
    {
        ApiKeys =
        [
            new ApiKeyOptions { Name = "shop", Sha256 = Convert.ToHexString(ApiKeyHash.Of("shop-key")), Sources = ["/shop/", "/billing/"] },
            new ApiKeyOptions { Name = "admin", Sha256 = Convert.ToHexString(ApiKeyHash.Of("admin-key")), Sources = ["*"] },
        ],
    };

    [Theory]
    [InlineData("Authorization", "Bearer shop-key", "shop")]
    [InlineData("Authorization", "bearer admin-key", "admin")]
    [InlineData("X-API-Key", "shop-key", "shop")]
    public void Authenticate_KnownKey_FindsItsSender(string header, string value, string expected)
    {
        // Arrange
        var authenticator = new ApiKeyAuthenticator(Microsoft.Extensions.Options.Options.Create(Options));

        // Act
        var sender = authenticator.Authenticate(Request(header, value));

        // Assert
        Assert.Equal(expected, sender?.Name);
    }

    [Theory]
    [InlineData("Authorization", "Bearer shop-key2")]
    [InlineData("Authorization", "Basic c2hvcC1rZXk=")]
    [InlineData("X-API-Key", "")]
    [InlineData("Other", "shop-key")]
    public void Authenticate_MissingOrUnknownKey_ReturnsNull(string header, string value)
    {
        // Arrange
        var authenticator = new ApiKeyAuthenticator(Microsoft.Extensions.Options.Options.Create(Options));

        // Act / Assert
        Assert.Null(authenticator.Authenticate(Request(header, value)));
    }

    [Fact]
    public void Authenticate_KeysNotRequired_AnonymousWithoutKey()
    {
        // Arrange
        var authenticator = new ApiKeyAuthenticator(Microsoft.Extensions.Options.Options.Create(new IngestOptions { RequireApiKey = false }));

        // Act
        var sender = authenticator.Authenticate(Request("Other", "x"));

        // Assert
        Assert.Same(Sender.Anonymous, sender);
    }

    [Theory]
    [InlineData("/shop/orders", true)]
    [InlineData("/billing/", true)]
    [InlineData("/shopping", false)]
    [InlineData("shop/orders", false)]
    public void MaySend_SourcePrefixes_AllowOnlyMatchingSources(string source, bool expected)
    {
        // Arrange
        var sender = new Sender("shop", ["/shop/", "/billing/"], 0);

        // Act / Assert
        Assert.Equal(expected, sender.MaySend(source));
    }

    private static HttpRequest Request(string header, string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;
        return context.Request;
    }
}

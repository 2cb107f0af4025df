using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Streams.Ui.DeadLetters;

namespace Streams.Ui.Tests;

/// <summary>The redrive endpoint refuses, with RFC 7807, everything but a confirmed JSON request from the page.</summary>
public sealed class RedriveEndpointTests
{
    private const string Path = "/ui/api/deadletters/redrive";

    [Fact]
    public async Task Post_NotJson_Answers415Problem()
    {
        // Arrange
        await using var host = await UiHost.StartAsync();

        // Act: what a cross-site HTML form can send.
        using var answer = await host.Http.PostAsync(new Uri(Path, UriKind.Relative), new FormUrlEncodedContent([new("subscription", "shop"), new("confirm", "true")]));

        // Assert
        await AssertProblemAsync(answer, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Fact]
    public async Task Post_WithoutThePagesHeader_Answers400Problem()
    {
        // Arrange
        await using var host = await UiHost.StartAsync();

        // Act
        using var answer = await PostAsync(host, """{"subscription":"shop","confirm":true}""", requestedBy: null);

        // Assert
        await AssertProblemAsync(answer, HttpStatusCode.BadRequest, RedriveEndpoint.RequestedByHeader);
    }

    [Theory]
    [InlineData("""{"subscription":"shop"}""", "'confirm' must be true")]
    [InlineData("""{"subscription":"shop","confirm":false}""", "'confirm' must be true")]
    [InlineData("""{"subscription":"ghost","confirm":true}""", "Unknown subscription 'ghost'; configured: shop.")]
    [InlineData("""{"confirm":true}""", "'subscription' is required")]
    [InlineData("""{"subscription":""", "not the JSON expected")]
    [InlineData("""{"subscription":7,"confirm":true}""", "not the JSON expected")]
    public async Task Post_InvalidOrUnconfirmedBody_Answers400ProblemNamingIt(string body, string expected)
    {
        // Arrange
        await using var host = await UiHost.StartAsync();

        // Act
        using var answer = await PostAsync(host, body);

        // Assert
        await AssertProblemAsync(answer, HttpStatusCode.BadRequest, expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    public async Task Post_KeyRequiredAndNotPresented_Answers401Problem(string? authorization)
    {
        // Arrange: the operator key is "ops-key"; only its SHA-256 is configured.
        await using var host = await UiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Streams:Ui:RequireApiKey"] = "true",
            ["Streams:Ui:OperatorKeys:0:Name"] = "ops",
            ["Streams:Ui:OperatorKeys:0:Sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("ops-key"u8)),
        });

        // Act
        using var answer = await PostAsync(host, """{"subscription":"shop","confirm":true}""", authorization: authorization);

        // Assert
        await AssertProblemAsync(answer, HttpStatusCode.Unauthorized, "operator key");
    }

    [Fact]
    public async Task Post_RightKeyButUnconfirmed_PassesTheKeyCheckAndAsksForConfirmation()
    {
        // Arrange
        await using var host = await UiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Streams:Ui:OperatorKeys:0:Name"] = "ops",
            ["Streams:Ui:OperatorKeys:0:Sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("ops-key"u8)),
            ["Streams:Ui:RequireApiKey"] = "true",
        });

        // Act
        using var answer = await PostAsync(host, """{"subscription":"shop"}""", authorization: "Bearer ops-key");

        // Assert
        await AssertProblemAsync(answer, HttpStatusCode.BadRequest, "'confirm' must be true");
    }

    private static async Task<HttpResponseMessage> PostAsync(UiHost host, string body, string? requestedBy = "streams-ui", string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (requestedBy is not null)
        {
            request.Headers.Add(RedriveEndpoint.RequestedByHeader, requestedBy);
        }

        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return await host.Http.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage answer, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Streams.Ui.Tests;

/// <summary>The search through the ui role reaches the configured receipts role with the path as encoded and the caller's key.</summary>
public sealed class ReceiptProxyTests
{
    [Fact]
    public async Task Get_WithReceiptsElsewhere_PassesTheEncodedPathAndKeyOnAndAnswersWhatItAnswered()
    {
        // Arrange: a receipts role that echoes what reached it.
        await using var receipts = await EchoReceiptsAsync();
        await using var host = await UiHost.StartAsync(new Dictionary<string, string?> { ["Streams:Ui:ReceiptsUrl"] = receipts.Urls.Single() });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/ui/api/events/%2Fshop/order%2042", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sender-key");

        // Act
        using var answer = await host.Http.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/v1/events/%2Fshop/order%2042 Bearer sender-key", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_ReceiptsUnreachable_Answers502Problem()
    {
        // Arrange: nothing listens on port 9.
        await using var host = await UiHost.StartAsync(new Dictionary<string, string?> { ["Streams:Ui:ReceiptsUrl"] = "http://127.0.0.1:9" });

        // Act
        using var answer = await host.Http.GetAsync(new Uri("/ui/api/events/shop/1", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_ReceiptsInThisProcess_Answers404PointingAtV1Events()
    {
        // Arrange
        await using var host = await UiHost.StartAsync();

        // Act
        using var answer = await host.Http.GetAsync(new Uri("/ui/api/events/shop/1", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("/v1/events", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<WebApplication> EchoReceiptsAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/v1/events/{**rest}", (HttpContext context) => Results.Text(
            $"{context.Features.Get<IHttpRequestFeature>()!.RawTarget} {context.Request.Headers.Authorization}",
            "application/json",
            statusCode: StatusCodes.Status202Accepted));
        await app.StartAsync();
        return app;
    }
}

using System.Net;

namespace Streams.Ui.Tests;

/// <summary>The page's files come out of the assembly with their types and a policy that keeps the page to its own files.</summary>
public sealed class PageAssetTests
{
    [Fact]
    public async Task Get_Ui_RedirectsToTheFolderSoRelativeLinksResolve()
    {
        // Arrange
        await using var host = await UiHost.StartAsync();

        // Act
        using var answer = await host.Http.GetAsync(new Uri("/ui", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/ui/", answer.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/ui/", "text/html")]
    [InlineData("/ui/js/main.js", "text/javascript")]
    [InlineData("/ui/vendor/uplot/uPlot.esm.js", "text/javascript")]
    [InlineData("/ui/app.css", "text/css")]
    public async Task Get_PageFile_AnswersItWithItsTypeAndTheContentSecurityPolicy(string path, string mediaType)
    {
        // Arrange
        await using var host = await UiHost.StartAsync(new Dictionary<string, string?> { ["Streams:Ui:ReceiptsUrl"] = "http://receipts.example:8080/" });

        // Act
        using var answer = await host.Http.GetAsync(new Uri(path, UriKind.Relative));

        // Assert: nothing outside this origin, not even the configured receipts role (the search goes through /ui/api/events).
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(mediaType, answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("connect-src 'self';", answer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.NotEmpty(await answer.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_UnknownFile_Answers404()
    {
        // Arrange
        await using var host = await UiHost.StartAsync();

        // Act
        using var answer = await host.Http.GetAsync(new Uri("/ui/nothing.js", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Theory]
    [InlineData("", "scrapes")]
    [InlineData("http://prometheus.example:9090", "prometheus")]
    public async Task GetConfig_MetricsSource_TellsThePageWhereItsMetricsComeFromButNotTheAddress(string prometheusUrl, string metricsFrom)
    {
        // Arrange
        await using var host = await UiHost.StartAsync(new Dictionary<string, string?> { ["Streams:Ui:PrometheusUrl"] = prometheusUrl });

        // Act
        var config = await host.Http.GetStringAsync(new Uri("/ui/api/config", UriKind.Relative));

        // Assert: the page words its hints for the source; the Prometheus address is not the browser's business.
        Assert.Equal(metricsFrom, System.Text.Json.JsonDocument.Parse(config).RootElement.GetProperty("metricsFrom").GetString());
        Assert.DoesNotContain("prometheus.example", config, StringComparison.Ordinal);
    }
}

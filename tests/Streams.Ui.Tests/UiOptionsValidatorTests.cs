namespace Streams.Ui.Tests;

public sealed class UiOptionsValidatorTests
{
    [Fact]
    public void Validate_DefaultsWithoutOperatorKeys_SucceedsWithRedriveLockedByDefault()
    {
        // Arrange: no operator key configured; unlike ingest's keys, that does not stop the process.
        var options = new UiOptions();

        // Act
        var result = new UiOptionsValidator().Validate(null, options);

        // Assert: the page runs, and redrives need a key nobody has until one is configured.
        Assert.True(result.Succeeded);
        Assert.True(options.RequireApiKey);
        Assert.Empty(options.OperatorKeys);
    }

    [Fact]
    public void Validate_BadSettings_NamesEachSetting()
    {
        // Arrange
        var options = new UiOptions
        {
            MetricsUrls = ["http://egress:8080/metrics", "egress:8080"],
            ScrapeIntervalSeconds = 0,
            HistoryMinutes = 0,
            AuditorUrl = "auditor",
            OperatorKeys = [new OperatorKeyOptions { Name = "", Sha256 = "abc" }],
        };

        // Act
        var result = new UiOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            [
                "Streams:Ui:ScrapeIntervalSeconds must be at least 1, was 0.",
                "Streams:Ui:HistoryMinutes must be at least 1, was 0.",
                "Streams:Ui:MetricsUrls:1 must be an absolute http(s) URL such as http://127.0.0.1:8080/hook, was 'egress:8080'.",
                "Streams:Ui:AuditorUrl must be an absolute http(s) URL such as http://127.0.0.1:8080/hook, was 'auditor'.",
                "Streams:Ui:OperatorKeys:0:Name is required.",
                "Streams:Ui:OperatorKeys:0:Sha256 must be the key's SHA-256 as 64 hex digits.",
            ],
            result.Failures);
    }

    [Theory]
    [InlineData("prometheus:9090")]
    [InlineData("/prometheus")]
    [InlineData("ftp://prometheus:9090")]
    public void Validate_PrometheusUrlNotAnAbsoluteHttpUrl_NamesTheSettingAndWhatItWas(string url)
    {
        // Arrange
        var options = new UiOptions { PrometheusUrl = url };

        // Act
        var result = new UiOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal([$"Streams:Ui:PrometheusUrl must be an absolute http(s) URL such as http://127.0.0.1:8080/hook, was '{url}'."], result.Failures);
    }

    [Fact]
    public void Validate_PrometheusUrlWithARoutePrefix_Succeeds()
    {
        // Act
        var result = new UiOptionsValidator().Validate(null, new UiOptions { PrometheusUrl = "https://monitoring.example.com/prometheus" });

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_PrometheusWithMorePointsThanItAnswers_NamesHistoryMinutes()
    {
        // Arrange: four hours at one second are 14401 points; the page's own scrapes have no such limit.
        var options = new UiOptions { PrometheusUrl = "http://prometheus:9090", ScrapeIntervalSeconds = 1, HistoryMinutes = 240 };

        // Act
        var withPrometheus = new UiOptionsValidator().Validate(null, options);
        options.PrometheusUrl = "";
        var scraping = new UiOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            ["Streams:Ui:HistoryMinutes must span at most 11000 points of ScrapeIntervalSeconds when PrometheusUrl is set (Prometheus's limit per series): 240 minutes of 1 s are 14401."],
            withPrometheus.Failures);
        Assert.True(scraping.Succeeded);
    }
}

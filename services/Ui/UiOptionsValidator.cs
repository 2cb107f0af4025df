using Streams.Hosting;
using Streams.Ingest.Security;

namespace Streams.Ui;

/// <summary>Rejects SRE page settings it cannot run with, naming the setting.</summary>
public sealed class UiOptionsValidator() : SectionValidator<UiOptions>(UiOptions.SectionName)
{
    private const int MaxPrometheusPoints = 11_000;

    /// <inheritdoc />
    protected override void Check(UiOptions options, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        errors.AtLeast(nameof(options.ScrapeIntervalSeconds), options.ScrapeIntervalSeconds, 1);
        errors.AtLeast(nameof(options.HistoryMinutes), options.HistoryMinutes, 1);
        for (var index = 0; index < options.MetricsUrls.Count; index++)
        {
            errors.HttpUrl($"MetricsUrls:{index}", options.MetricsUrls[index]);
        }

        if (options.PrometheusUrl.Length > 0)
        {
            errors.HttpUrl(nameof(options.PrometheusUrl), options.PrometheusUrl);
            // Prometheus refuses a range query of more points than this per series ("exceeded maximum resolution").
            var points = options.HistoryPoints();
            errors.Require(
                points <= MaxPrometheusPoints,
                nameof(options.HistoryMinutes),
                $"must span at most {MaxPrometheusPoints} points of ScrapeIntervalSeconds when PrometheusUrl is set (Prometheus's limit per series): {options.HistoryMinutes} minutes of {options.ScrapeIntervalSeconds} s are {points}.");
        }

        if (options.AuditorUrl.Length > 0)
        {
            errors.HttpUrl(nameof(options.AuditorUrl), options.AuditorUrl);
        }

        if (options.ReceiptsUrl.Length > 0)
        {
            errors.HttpUrl(nameof(options.ReceiptsUrl), options.ReceiptsUrl);
        }

        for (var index = 0; index < options.OperatorKeys.Count; index++)
        {
            var key = options.OperatorKeys[index];
            errors.Require(key.Name.Length > 0, $"OperatorKeys:{index}:Name", "is required.");
            errors.Require(ApiKeyHash.TryParse(key.Sha256, out _), $"OperatorKeys:{index}:Sha256", "must be the key's SHA-256 as 64 hex digits.");
        }
    }
}

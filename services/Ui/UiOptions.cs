namespace Streams.Ui;

/// <summary>The SRE page's settings: the <c>Streams:Ui</c> configuration section.</summary>
public sealed class UiOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Ui";

    /// <summary>
    /// The <c>/metrics</c> URLs scraped for lag, circuit state and delivery rates; empty: this process's own metrics.
    /// Not read when <see cref="PrometheusUrl"/> is set.
    /// </summary>
    public List<string> MetricsUrls { get; set; } = [];

    /// <summary>
    /// The Prometheus (its base URL, e.g. <c>http://prometheus:9090</c>) that scrapes every pod, asked for lag, circuit
    /// state and delivery rates instead of scraping <see cref="MetricsUrls"/>; empty: the page scrapes.
    /// </summary>
    public string PrometheusUrl { get; set; } = "";

    /// <summary>How often the metrics are scraped (with Prometheus: the charts' step), and the page refreshed.</summary>
    public int ScrapeIntervalSeconds { get; set; } = 15;

    /// <summary>How much history the charts show (when the page scrapes, kept in memory).</summary>
    public int HistoryMinutes { get; set; } = 60;

    /// <summary>The charts' points: one per interval of the history and one at its start; 0 while the interval is unset.</summary>
    public long HistoryPoints() => ScrapeIntervalSeconds < 1 ? 0 : (HistoryMinutes * 60L / ScrapeIntervalSeconds) + 1;

    /// <summary>Where the auditor's <c>GET /v1/loss</c> is; empty: the auditor role of this process.</summary>
    public string AuditorUrl { get; set; } = "";

    /// <summary>Where the page's event search finds <c>GET /v1/events/{source}/{id}</c>; empty: this process (the receipts role runs here).</summary>
    public string ReceiptsUrl { get; set; } = "";

    /// <summary>Whether a redrive needs an operator key; without any configured, no redrive is allowed.</summary>
    public bool RequireApiKey { get; set; } = true;

    /// <summary>The operators allowed to redrive, by the SHA-256 of their key.</summary>
    public List<OperatorKeyOptions> OperatorKeys { get; set; } = [];
}

using Streams.Telemetry.Scraping;

namespace Streams.Ui.History;

/// <summary>One scrape of every configured <c>/metrics</c>, summed, and when it was taken.</summary>
internal sealed record MetricsPoint(DateTimeOffset At, ScrapedMetrics Metrics);

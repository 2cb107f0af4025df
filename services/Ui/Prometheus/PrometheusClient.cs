using System.Globalization;
using Microsoft.Extensions.Options;

namespace Streams.Ui.Prometheus;

/// <summary>
/// Runs PromQL through the HTTP API of the Prometheus at <see cref="UiOptions.PrometheusUrl"/>. Every failure — no
/// answer, a refusal, an error body, JSON it cannot read — comes back as the answer's error, naming the query.
/// </summary>
internal sealed class PrometheusClient(IHttpClientFactory clients, IOptions<UiOptions> options)
{
    /// <summary>An instant query, <c>GET /api/v1/query</c>, evaluated at <paramref name="at"/>.</summary>
    public Task<PrometheusAnswer> QueryAsync(string promql, DateTimeOffset at, CancellationToken cancellationToken) =>
        GetAsync("query", promql, $"&time={at.ToUnixTimeSeconds()}", cancellationToken);

    /// <summary>A range query, <c>GET /api/v1/query_range</c>, evaluated at <paramref name="start"/> and every <paramref name="stepSeconds"/> up to <paramref name="end"/>.</summary>
    public Task<PrometheusAnswer> QueryRangeAsync(string promql, long start, long end, int stepSeconds, CancellationToken cancellationToken) =>
        GetAsync("query_range", promql, $"&start={start}&end={end}&step={stepSeconds}", cancellationToken);

    private async Task<PrometheusAnswer> GetAsync(string endpoint, string promql, FormattableString parameters, CancellationToken cancellationToken)
    {
        // The URL may carry a path (a Prometheus behind a route prefix, e.g. http://monitoring/prometheus); the API is under it.
        var url = new Uri($"{options.Value.PrometheusUrl.TrimEnd('/')}/api/v1/{endpoint}?query={Uri.EscapeDataString(promql)}{parameters.ToString(CultureInfo.InvariantCulture)}");
        var why = $"{options.Value.PrometheusUrl} {endpoint} {promql}";
        try
        {
            using var answer = await clients.CreateClient(nameof(PrometheusClient)).GetAsync(url, cancellationToken).ConfigureAwait(false);
            var body = await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var parsed = PrometheusResponse.Parse(body);
            if (answer.IsSuccessStatusCode)
            {
                return parsed.Error is null ? parsed : PrometheusAnswer.Failed($"{why}: {parsed.Error}");
            }

            // Prometheus explains a refused query in an error body (400 bad_data, 422 execution, 503 timeout); a proxy may not.
            return PrometheusAnswer.Failed($"{why}: answered {(int)answer.StatusCode}: {parsed.Error ?? PrometheusResponse.Shorten(body)}");
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return PrometheusAnswer.Failed($"{why}: {exception.Message}");
        }
    }
}

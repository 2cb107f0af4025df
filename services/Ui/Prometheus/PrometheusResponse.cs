using System.Globalization;
using System.Text.Json;

namespace Streams.Ui.Prometheus;

/// <summary>
/// Reads the JSON of Prometheus's <c>/api/v1/query</c> and <c>/api/v1/query_range</c>
/// (https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats): a vector or a matrix,
/// or the <c>"status":"error"</c> body Prometheus answers a bad or failed query with.
/// </summary>
internal static class PrometheusResponse
{
    public static PrometheusAnswer Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var status = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var value) ? value.GetString() : null;
            if (status == "error")
            {
                return PrometheusAnswer.Failed($"{Text(root, "errorType")}: {Text(root, "error")}");
            }

            if (status != "success")
            {
                return PrometheusAnswer.Failed($"not a Prometheus API answer: {Shorten(body)}");
            }

            var data = root.GetProperty("data");
            return Text(data, "resultType") switch
            {
                "matrix" => new PrometheusAnswer([.. data.GetProperty("result").EnumerateArray().Select(series => new PrometheusSeries(Labels(series), [.. series.GetProperty("values").EnumerateArray().Select(Sample)]))], null),
                "vector" => new PrometheusAnswer([.. data.GetProperty("result").EnumerateArray().Select(series => new PrometheusSeries(Labels(series), [Sample(series.GetProperty("value"))]))], null),
                var other => PrometheusAnswer.Failed($"expected a matrix or a vector, got a {other}"),
            };
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return PrometheusAnswer.Failed($"not a Prometheus API answer ({exception.Message}): {Shorten(body)}");
        }
    }

    /// <summary>The start of a body, enough to recognise it in an error message (a proxy's HTML page, say).</summary>
    public static string Shorten(string body) => body.Length <= 200 ? body : body[..200] + "…";

    private static Dictionary<string, string> Labels(JsonElement series) =>
        series.GetProperty("metric").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? "", StringComparer.Ordinal);

    // A sample is [unix seconds as a number, value as a string], the string because JSON has no NaN or infinities.
    private static (long Time, double Value) Sample(JsonElement sample) =>
        ((long)Math.Round(sample[0].GetDouble()), sample[1].GetString() switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var number => double.Parse(number ?? "", NumberStyles.Float, CultureInfo.InvariantCulture),
        });

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}

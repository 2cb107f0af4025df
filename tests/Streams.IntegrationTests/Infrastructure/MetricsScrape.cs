using System.Globalization;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Reads values from a host's Prometheus text at <c>/metrics</c>.</summary>
public static class MetricsScrape
{
    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels include <paramref name="labels"/> (0 when none).</summary>
    public static async Task<double> SumAsync(HttpClient http, string baseUrl, string metric, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(labels);
        var text = await http.GetStringAsync(new Uri(baseUrl + "/metrics"));
        return text.Split('\n')
            .Where(line => line.StartsWith(metric, StringComparison.Ordinal)
                && line.Length > metric.Length
                && line[metric.Length] is '{' or ' '
                && labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until the sum of <paramref name="metric"/> over samples with <paramref name="label"/> satisfies <paramref name="condition"/>.</summary>
    public static async Task WaitUntilAsync(HttpClient http, string baseUrl, string metric, string label, Func<double, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        double value;
        while (!condition(value = await SumAsync(http, baseUrl, metric, label)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {timeout}: {metric}{{{label}}} is {value}");
            }

            await Task.Delay(100);
        }
    }
}

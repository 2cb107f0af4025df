using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Prometheus;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Reads samples out of a Prometheus text exposition.</summary>
/// <remarks>Also compiled into the Telemetry and Audit unit tests, which read a registry rather than a running host.</remarks>
public static partial class MetricsText
{
    /// <summary>The value of the sample <paramref name="name"/> whose labels include every one of <paramref name="labels"/>; null when absent.</summary>
    public static double? Value(string exposition, string name, params (string Name, string Value)[] labels) =>
        Samples(exposition, name, labels).Select(sample => (double?)sample.Value).FirstOrDefault();

    /// <summary>A histogram's cumulative bucket counts, by upper bound, for the series with <paramref name="labels"/>.</summary>
    public static SortedDictionary<double, double> Buckets(string exposition, string histogram, params (string Name, string Value)[] labels)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var (sampleLabels, value) in Samples(exposition, histogram + "_bucket", labels))
        {
            var le = sampleLabels["le"];
            buckets[le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture)] = value;
        }

        return buckets;
    }

    /// <summary>
    /// Every sample <paramref name="name"/> whose labels include every one of <paramref name="labels"/>, in exposition
    /// order; label values are as written, still escaped.
    /// </summary>
    public static IEnumerable<(Dictionary<string, string> Labels, double Value)> Samples(string exposition, string name, params (string Name, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        foreach (var line in exposition.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var sampleLabels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.All(label => sampleLabels.TryGetValue(label.Name, out var value) && value == label.Value))
            {
                yield return (sampleLabels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Each metric family's declared type (<c>counter</c>, <c>gauge</c>, <c>histogram</c>, ...), by name.</summary>
    public static Dictionary<string, string> Types(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        return Type().Matches(exposition).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["type"].Value);
    }

    public static async Task<string> ScrapeAsync(HttpClient http, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        return await http.GetStringAsync(new Uri(baseUrl + "/metrics"));
    }

    /// <summary>What <c>/metrics</c> would answer for <paramref name="registry"/>, without a server.</summary>
    public static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var output = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    [GeneratedRegex(@"^# TYPE (?<name>\S+) (?<type>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Type();
}

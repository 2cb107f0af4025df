using System.Globalization;

namespace Streams.Telemetry;

/// <summary>Writes metric families in the Prometheus text exposition format, version 0.0.4.</summary>
/// <remarks>
/// Metric and label names are sanitised, counters get the conventional <c>_total</c> suffix unless they
/// already end with it, gauges ending in a histogram sample suffix (such as the runtime's
/// <c>dotnet.assembly.count</c>) get <c>_value</c> appended so they cannot be mistaken for a histogram's series,
/// and families that end up with the same name are written as one family (under the
/// first one's HELP and TYPE), because Prometheus rejects a scrape that repeats a family.
/// </remarks>
public static class PrometheusTextWriter
{
    /// <summary>The Content-Type of the exposition.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private const string TotalSuffix = "_total";

    private static readonly string[] HistogramSampleSuffixes = ["_bucket", "_count", "_sum"];

    /// <summary>Writes <paramref name="families"/> to <paramref name="output"/>.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="families">The families to write.</param>
    public static void Write(TextWriter output, IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(families);

        foreach (var group in families.GroupBy(ExposedName, StringComparer.Ordinal))
        {
            var first = group.First();
            WriteHeader(output, group.Key, first);

            // A family whose type differs from the first one's cannot be written under its TYPE line.
            foreach (var point in group.Where(family => family.Type == first.Type).SelectMany(family => family.Points))
            {
                if (first.Type == MetricType.Histogram)
                {
                    WriteHistogram(output, group.Key, point);
                }
                else
                {
                    WriteSample(output, group.Key, string.Empty, point.Labels, null, point.Value);
                }
            }
        }
    }

    /// <summary>Renders <paramref name="families"/> as exposition text.</summary>
    /// <param name="families">The families to write.</param>
    /// <returns>The exposition.</returns>
    public static string ToText(IEnumerable<MetricFamily> families)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Write(output, families);
        return output.ToString();
    }

    /// <summary>Formats a sample value or bound the way Prometheus parses it.</summary>
    /// <param name="value">The value.</param>
    /// <returns><c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>, or the shortest round-tripping invariant representation.</returns>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Makes <paramref name="name"/> a valid metric name (<c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>).</summary>
    /// <param name="name">The raw name, e.g. an instrument name such as <c>dotnet.gc.collections</c>.</param>
    /// <returns>The name with every invalid character replaced by an underscore.</returns>
    public static string SanitizeMetricName(string name) => Sanitize(name, allowColon: true);

    /// <summary>Makes <paramref name="name"/> a valid label name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>).</summary>
    /// <param name="name">The raw name, e.g. a tag key such as <c>gc.heap.generation</c>.</param>
    /// <returns>The name with every invalid character replaced by an underscore.</returns>
    public static string SanitizeLabelName(string name) => Sanitize(name, allowColon: false);

    private static string ExposedName(MetricFamily family)
    {
        var name = SanitizeMetricName(family.Name);
        return family.Type switch
        {
            MetricType.Counter when !name.EndsWith(TotalSuffix, StringComparison.Ordinal) => name + TotalSuffix,
            MetricType.Gauge when HistogramSampleSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal))
                => name + "_value",
            _ => name,
        };
    }

    private static string Sanitize(string name, bool allowColon)
    {
        ArgumentNullException.ThrowIfNull(name);
        var needsPrefix = name.Length == 0 || char.IsAsciiDigit(name[0]);
        if (!needsPrefix && !name.Any(c => !IsNameChar(c, allowColon)))
        {
            return name;
        }

        return string.Create(
            needsPrefix ? name.Length + 1 : name.Length,
            (name, allowColon),
            static (chars, state) =>
            {
                var offset = chars.Length - state.name.Length;
                chars[..offset].Fill('_');
                for (var i = 0; i < state.name.Length; i++)
                {
                    chars[offset + i] = IsNameChar(state.name[i], state.allowColon) ? state.name[i] : '_';
                }
            });
    }

    private static bool IsNameChar(char c, bool allowColon) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');

    private static void WriteHeader(TextWriter output, string name, MetricFamily family)
    {
        output.Write("# HELP ");
        output.Write(name);
        output.Write(' ');
        WriteEscaped(output, family.Help, escapeQuotes: false);
        output.Write('\n');
        output.Write("# TYPE ");
        output.Write(name);
        output.Write(family.Type switch
        {
            MetricType.Counter => " counter\n",
            MetricType.Gauge => " gauge\n",
            _ => " histogram\n",
        });
    }

    private static void WriteHistogram(TextWriter output, string name, MetricPoint point)
    {
        var histogram = point.Histogram
            ?? throw new ArgumentException($"Histogram family '{name}' has a point without histogram data.");

        long cumulative = 0;
        for (var i = 0; i < histogram.Bounds.Count; i++)
        {
            cumulative += histogram.BucketCounts[i];
            WriteSample(output, name, "_bucket", point.Labels, FormatValue(histogram.Bounds[i]), cumulative);
        }

        var count = cumulative + histogram.BucketCounts[histogram.Bounds.Count];
        WriteSample(output, name, "_bucket", point.Labels, "+Inf", count);
        WriteSample(output, name, "_sum", point.Labels, null, histogram.Sum);
        WriteSample(output, name, "_count", point.Labels, null, count);
    }

    private static void WriteSample(
        TextWriter output,
        string name,
        string suffix,
        IReadOnlyList<KeyValuePair<string, string>> labels,
        string? le,
        double value)
    {
        output.Write(name);
        output.Write(suffix);
        if (labels.Count > 0 || le is not null)
        {
            var separator = '{';
            foreach (var label in labels)
            {
                output.Write(separator);
                WriteLabel(output, SanitizeLabelName(label.Key), label.Value);
                separator = ',';
            }

            if (le is not null)
            {
                output.Write(separator);
                WriteLabel(output, "le", le);
            }

            output.Write('}');
        }

        output.Write(' ');
        output.Write(FormatValue(value));
        output.Write('\n');
    }

    private static void WriteLabel(TextWriter output, string name, string value)
    {
        output.Write(name);
        output.Write("=\"");
        WriteEscaped(output, value, escapeQuotes: true);
        output.Write('"');
    }

    private static void WriteEscaped(TextWriter output, string text, bool escapeQuotes)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    output.Write(@"\\");
                    break;
                case '\n':
                    output.Write(@"\n");
                    break;
                case '"' when escapeQuotes:
                    output.Write("\\\"");
                    break;
                default:
                    output.Write(c);
                    break;
            }
        }
    }
}

using System.Globalization;
using System.Text;

namespace Streams.Telemetry.Scraping;

/// <summary>
/// Reads Prometheus' text exposition format (version 0.0.4) into samples. prometheus-net only writes it, and the
/// load test and the SRE page need only names, labels and values, so this small reader is ours; comments and timestamps
/// are skipped.
/// </summary>
public static class PrometheusText
{
    /// <summary>Every sample of <paramref name="text"/>, in order; <see cref="FormatException"/> at a line that is not one.</summary>
    public static IEnumerable<MetricSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            yield return ParseLine(line);
        }
    }

    private static MetricSample ParseLine(string line)
    {
        var position = 0;
        while (position < line.Length && line[position] != '{' && line[position] != ' ')
        {
            position++;
        }

        var name = line[..position];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position = ParseLabels(line, position + 1, labels);
        }

        var rest = line[position..].Trim();
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        var value = end < 0 ? rest : rest[..end];
        return new MetricSample(name, labels, ParseValue(value, line));
    }

    private static int ParseLabels(string line, int position, Dictionary<string, string> labels)
    {
        while (position < line.Length && line[position] != '}')
        {
            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw new FormatException($"Not a sample line: {line}");
            }

            var label = line[position..equals].Trim();
            var value = new StringBuilder();
            position = equals + 2;
            for (; position < line.Length && line[position] != '"'; position++)
            {
                if (line[position] == '\\' && position + 1 < line.Length)
                {
                    position++;
                    value.Append(line[position] == 'n' ? '\n' : line[position]);
                }
                else
                {
                    value.Append(line[position]);
                }
            }

            labels[label] = value.ToString();
            position++;
            if (position < line.Length && line[position] == ',')
            {
                position++;
            }
        }

        if (position >= line.Length)
        {
            throw new FormatException($"Unclosed labels: {line}");
        }

        return position + 1;
    }

    private static double ParseValue(string value, string line) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"Not a sample value in: {line}"),
    };
}

using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

/// <summary>Normalising is idempotent: the canonical form of a canonical event is itself, byte for byte.</summary>
public class CanonicalFormPropertyTests
{
    private static readonly string[] Characters = ["a", "Z", "0", " ", "\"", "\\", "\n", "é", "中", "😀", "<", "&", "\u0001", "/"];
    private static readonly string[] ExtensionNames = ["partitionkey", "traceparent", "a", "z9", "tenant", "region", "seq", "abcdefghijklmnopqrst"];

    [Property(MaxTest = 500)]
    public Property Normalise_Twice_EqualsOnce() =>
        Prop.ForAll(SenderEvents().ToArbitrary(), Times().ToArbitrary(), (json, times) =>
        {
            // Arrange
            var once = Normalise.Json(json, times);

            // Act
            var twice = Normalise.Value(once.Value ?? [], times);

            // Assert
            return (once.Outcome == NormalisationOutcome.Normalised
                    && twice.Outcome == NormalisationOutcome.Normalised
                    && once.Value!.AsSpan().SequenceEqual(twice.Value))
                .Label($"input {json}\nonce  {once.Outcome} {once.Detail} {Convert.ToHexString(once.Value ?? [])}\ntwice {twice.Outcome} {twice.Detail} {Convert.ToHexString(twice.Value ?? [])}");
        });

    private static Gen<RecordTimes> Times() =>
        Gen.Zip(Optional(Gen.Choose(0, int.MaxValue).Select(s => (long)s * 997)), Optional(Gen.Choose(0, int.MaxValue).Select(s => (long)s * 1009)))
            .Select(t => new RecordTimes(t.Item1, t.Item2));

    private static Gen<long?> Optional(Gen<long> value) => Gen.OneOf(Gen.Constant<long?>(null), value.Select(v => (long?)v));

    private static Gen<string?> OptionalText(Gen<string> value) => Gen.OneOf(Gen.Constant<string?>(null), value.Select(v => (string?)v));

    private static Gen<string> Text() => Gen.ListOf(Gen.Elements(Characters)).Select(parts => string.Concat(parts));

    private static Gen<string> NonEmptyText() => Text().Select(t => "x" + t);

    /// <summary>Events as senders write them: any attribute order, any RFC 3339 spelling, whitespace, nulls, nested data.</summary>
    private static Gen<string> SenderEvents()
    {
        var required = Gen.Zip(NonEmptyText(), Gen.Zip(NonEmptyText(), NonEmptyText()));
        var optional = Gen.Zip(
            Gen.Zip(OptionalText(Time()), Gen.SubListOf(ExtensionNames)),
            Gen.Zip(OptionalText(Data()), OptionalText(Gen.Elements("application/json", "text/plain", "application/vnd.x+json"))));
        var attributes = Gen.Zip(required, optional).Select(parts =>
        {
            var ((id, (source, type)), ((time, extensions), (data, contentType))) = parts;
            var members = new List<string>
            {
                Member("specversion", "\"1.0\""),
                Member("id", Quote(id)),
                Member("source", Quote(source)),
                Member("type", Quote(type)),
            };
            // 32-bit integers only: ingest refuses other numbers; partitionkey is a string.
            members.AddRange(extensions.Select((name, index) => Member(name, (name == "partitionkey" ? 0 : index % 3) switch { 0 => Quote(name + "v"), 1 => "-1250", _ => "null" })));
            AddIf(members, "time", time);
            AddIf(members, "data", data);
            AddIf(members, "datacontenttype", contentType is null ? null : Quote(contentType));
            return members;
        });
        return attributes.SelectMany(members => Gen.Shuffle<string>(members)).Select(members => "{ " + string.Join(" ,\n", members.AsEnumerable()) + " }");
    }

    private static Gen<string> Time() =>
        Gen.Zip(Gen.Choose(0, 400_000_000), Gen.Zip(Gen.Choose(0, 9), Gen.Elements("Z", "z", "+00:00", "+05:30", "-11:00", "-00:00")))
            .Select(t =>
            {
                var (seconds, (digits, zone)) = t;
                var instant = DateTimeOffset.FromUnixTimeSeconds(seconds * 10L);
                var fraction = digits == 0 ? "" : "." + new string((char)('1' + (seconds % 9)), digits);
                return Quote(instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + zone);
            });

    private static Gen<string> Data() => Gen.Sized(size => Json(Math.Min(size, 20) / 5));

    private static Gen<string> Json(int depth)
    {
        var scalar = Gen.OneOf(
            Text().Select(Quote),
            Gen.Choose(-1000, 1000).Select(n => n.ToString(CultureInfo.InvariantCulture)),
            Gen.Elements("1.0", "-0.5e3", "true", "false", "null", "1E+2"));
        if (depth == 0)
        {
            return scalar;
        }

        var child = Json(depth - 1);
        return Gen.OneOf(
            scalar,
            Gen.ListOf(child).Select(items => "[ " + string.Join(" , ", items) + " ]"),
            Gen.ListOf(Gen.Zip(NonEmptyText(), child)).Select(members =>
                "{ " + string.Join(" , ", members.DistinctBy(m => m.Item1).Select(m => Member(m.Item1, m.Item2))) + " }"));
    }

    private static void AddIf(List<string> members, string name, string? value)
    {
        if (value is not null)
        {
            members.Add(Member(name, value));
        }
    }

    private static string Member(string name, string value) => Quote(name) + " : " + value;

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}

using System.Diagnostics;
using System.Text.Json;

namespace Streams.Avro.Tests;

/// <summary>
/// Compares this library byte for byte with the avsc reference implementation: tests/crosscheck/avro/crosscheck.js
/// prints avsc's canonical form, fingerprints and encodings for every corpus case.
/// </summary>
public class AvscCrossCheckTests
{
    private static readonly Lazy<JsonElement> AvscResults = new(RunAvsc);

    [Theory]
    [MemberData(nameof(CorpusCase.All), MemberType = typeof(CorpusCase))]
    public void CanonicalFormAndFingerprints_CorpusSchema_EqualAvsc(string fileName)
    {
        // Arrange
        var expected = AvscResults.Value.GetProperty(fileName);

        // Act
        var schema = AvroSchema.Parse(CorpusCase.Load(fileName).Schema);

        // Assert
        Assert.Equal(expected.GetProperty("canonical").GetString(), schema.ToCanonicalForm());
        Assert.Equal(expected.GetProperty("crc64").GetString(), AvroFingerprint.Crc64(schema).ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.GetProperty("md5").GetString(), Convert.ToHexStringLower(AvroFingerprint.Md5(schema)));
        Assert.Equal(expected.GetProperty("sha256").GetString(), Convert.ToHexStringLower(AvroFingerprint.Sha256(schema)));
    }

    [Theory]
    [MemberData(nameof(CorpusCase.All), MemberType = typeof(CorpusCase))]
    public void Serialize_CorpusValues_EqualAvscBytes(string fileName)
    {
        // Arrange
        var corpusCase = CorpusCase.Load(fileName);
        var expected = AvscResults.Value.GetProperty(fileName).GetProperty("encodings").EnumerateArray().Select(e => e.GetString()!).ToList();
        var schema = AvroSchema.Parse(corpusCase.Schema);
        var writer = new GenericDatumWriter(schema);

        // Act
        var actual = corpusCase.Values.Select(v => Convert.ToHexStringLower(writer.Serialize(AvroJson.Decode(schema, v)))).ToList();

        // Assert
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(ResolutionCases))]
    public void Read_WithReaderSchema_EqualsAvscResolution(string fileName)
    {
        // Arrange
        var corpusCase = CorpusCase.Load(fileName);
        var expected = AvscResults.Value.GetProperty(fileName).GetProperty("resolved").EnumerateArray().Select(e => e.GetString()!).ToList();
        var writerSchema = AvroSchema.Parse(corpusCase.Schema);
        var readerSchema = AvroSchema.Parse(corpusCase.Reader!.Value);
        var writer = new GenericDatumWriter(writerSchema);
        var reader = new GenericDatumReader(writerSchema, readerSchema);
        var reencoder = new GenericDatumWriter(readerSchema);

        // Act
        var actual = corpusCase.Values
            .Select(v => reader.Read(writer.Serialize(AvroJson.Decode(writerSchema, v))))
            .Select(resolved => Convert.ToHexStringLower(reencoder.Serialize(resolved)))
            .ToList();

        // Assert
        Assert.Equal(expected, actual);
    }

    public static TheoryData<string> ResolutionCases =>
        new(CorpusCase.FileNames.Where(f => CorpusCase.Load(f).Reader is not null));

    private static JsonElement RunAvsc()
    {
        var directory = RepositoryPaths.CrossCheckDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "avsc")))
        {
            throw new InvalidOperationException("avsc is not installed for the cross-check: run `npm ci --prefix tests/crosscheck/avro` from the repository root.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "crosscheck.js"));
        start.ArgumentList.Add(RepositoryPaths.CorpusDirectory);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"crosscheck.js exited with {process.ExitCode}: {stderr.Result}");
        }

        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }
}

namespace Streams.Avro.Tests;

/// <summary>Locates the checked-in cross-check folder from the test binaries' directory.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> CrossCheck = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "crosscheck", "avro");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/crosscheck/avro not found above {AppContext.BaseDirectory}.");
    });

    public static string CrossCheckDirectory => CrossCheck.Value;

    public static string CorpusDirectory => Path.Combine(CrossCheckDirectory, "corpus");
}

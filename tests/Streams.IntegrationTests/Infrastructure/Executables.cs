namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Finds programs on PATH, such as Debian's <c>prometheus</c> and <c>promtool</c>.</summary>
public static class Executables
{
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}

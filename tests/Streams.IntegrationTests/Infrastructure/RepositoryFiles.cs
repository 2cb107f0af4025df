namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Finds files of the repository (dashboards, alert rules) from the test's output folder.</summary>
public static class RepositoryFiles
{
    public static string PathOf(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Streams.sln")))
            {
                return Path.Combine(directory.FullName, relative);
            }
        }

        throw new FileNotFoundException($"No Streams.sln above {AppContext.BaseDirectory}");
    }
}

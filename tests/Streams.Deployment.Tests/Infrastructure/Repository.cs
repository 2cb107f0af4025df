namespace Streams.Deployment.Tests.Infrastructure;

/// <summary>The repository these tests run in, found above the test binaries.</summary>
public static class Repository
{
    /// <summary>The folder that holds Streams.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository, from its root.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Streams.sln")))
            {
                return directory.FullName;
            }
        }

        throw new FileNotFoundException($"No Streams.sln above {AppContext.BaseDirectory}");
    }
}

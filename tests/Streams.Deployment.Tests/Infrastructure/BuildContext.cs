namespace Streams.Deployment.Tests.Infrastructure;

/// <summary>
/// The files a `docker build .` would send: the repository less what .dockerignore excludes. Only the two kinds of
/// pattern the repository's .dockerignore uses are understood, `**/name` (a file or folder of that name anywhere) and
/// `name` (at the top); any other pattern fails, so the copy can never silently differ from the real context.
/// </summary>
public static class BuildContext
{
    /// <summary>Copies the context into <paramref name="destination"/>.</summary>
    public static void CopyTo(string destination)
    {
        var anywhere = new HashSet<string>(StringComparer.Ordinal);
        var top = new HashSet<string>(StringComparer.Ordinal);
        var suffixes = new List<string>();
        foreach (var line in File.ReadAllLines(Repository.PathOf(".dockerignore")).Select(line => line.Trim()))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("**/*.", StringComparison.Ordinal) && !line[5..].Contains('/', StringComparison.Ordinal))
            {
                suffixes.Add(line[4..]);
            }
            else if (line.StartsWith("**/", StringComparison.Ordinal) && !line[3..].Contains('/', StringComparison.Ordinal) && !line[3..].Contains('*', StringComparison.Ordinal))
            {
                anywhere.Add(line[3..]);
            }
            else if (!line.Contains('/', StringComparison.Ordinal) && !line.Contains('*', StringComparison.Ordinal) && !line.StartsWith('!'))
            {
                top.Add(line);
            }
            else
            {
                throw new NotSupportedException($".dockerignore pattern '{line}' is not one BuildContext understands; extend it before using it.");
            }
        }

        Copy(new DirectoryInfo(Repository.Root), destination, isTop: true);

        void Copy(DirectoryInfo source, string target, bool isTop)
        {
            Directory.CreateDirectory(target);
            foreach (var entry in source.EnumerateFileSystemInfos())
            {
                var excluded = anywhere.Contains(entry.Name)
                    || (isTop && top.Contains(entry.Name))
                    || (entry is FileInfo && suffixes.Any(suffix => entry.Name.EndsWith(suffix, StringComparison.Ordinal)));
                if (excluded)
                {
                    continue;
                }

                if (entry is DirectoryInfo directory)
                {
                    Copy(directory, Path.Combine(target, entry.Name), isTop: false);
                }
                else
                {
                    File.Copy(entry.FullName, Path.Combine(target, entry.Name));
                }
            }
        }
    }
}

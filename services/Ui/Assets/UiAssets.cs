using Microsoft.AspNetCore.StaticFiles;

namespace Streams.Ui.Assets;

/// <summary>
/// The page's files (<c>wwwroot/</c>), embedded in this assembly at build time so every build and image carries the same
/// page with nothing beside it; looked up by path under <c>/ui/</c>.
/// </summary>
internal sealed class UiAssets
{
    private const string Prefix = "ui/";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly Dictionary<string, (byte[] Content, string ContentType)> _files = new(StringComparer.Ordinal);

    public UiAssets()
    {
        var assembly = typeof(UiAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var path = name[Prefix.Length..];
            _files[path] = (copy.ToArray(), ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream");
        }
    }

    /// <summary>Every file's path, e.g. <c>index.html</c>, <c>vendor/uplot/uPlot.esm.js</c>.</summary>
    public IEnumerable<string> Paths => _files.Keys;

    public bool TryGet(string path, out (byte[] Content, string ContentType) file) => _files.TryGetValue(path, out file);
}

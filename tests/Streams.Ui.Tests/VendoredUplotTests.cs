using Streams.IntegrationTests.Infrastructure;

namespace Streams.Ui.Tests;

/// <summary>
/// The page's uPlot is the npm package's, unchanged: each vendored file byte for byte as tests/crosscheck/ui's
/// package-lock.json installs that version (`./streams test` runs npm ci there). A missing package fails the test.
/// </summary>
public sealed class VendoredUplotTests
{
    /// <summary>Each vendored file (services/Ui/wwwroot/vendor/uplot) and where the npm package has it.</summary>
    private static readonly (string Vendored, string InPackage)[] Files =
    [
        ("uPlot.esm.js", "dist/uPlot.esm.js"),
        ("uPlot.min.css", "dist/uPlot.min.css"),
        ("LICENSE", "LICENSE"),
    ];

    [Fact]
    public void VendoredFiles_AreByteIdenticalToThePinnedNpmPackage()
    {
        // Arrange
        var root = RepositoryFiles.PathOf("");
        var package = Path.Combine(root, "tests", "crosscheck", "ui", "node_modules", "uplot");
        Assert.True(Directory.Exists(package), "uplot is not installed: run `npm ci --prefix tests/crosscheck/ui` from the repository root.");

        foreach (var (vendored, inPackage) in Files)
        {
            // Act
            var ours = File.ReadAllBytes(Path.Combine(root, "services", "Ui", "wwwroot", "vendor", "uplot", vendored));
            var published = File.ReadAllBytes(Path.Combine(package, inPackage));

            // Assert
            Assert.True(published.AsSpan().SequenceEqual(ours), $"{vendored} differs from the npm package's {inPackage}.");
        }
    }

    [Fact]
    public void VersionNote_NamesTheVersionTheLockFilePins()
    {
        // Arrange
        var root = RepositoryFiles.PathOf("");
        var version = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "crosscheck", "ui", "package-lock.json")))
            .RootElement.GetProperty("packages").GetProperty("node_modules/uplot").GetProperty("version").GetString();

        // Act
        var note = File.ReadAllText(Path.Combine(root, "services", "Ui", "wwwroot", "vendor", "uplot", "VERSION"));

        // Assert
        Assert.StartsWith($"uplot {version} ", note, StringComparison.Ordinal);
    }
}

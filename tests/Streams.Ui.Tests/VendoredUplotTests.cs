using Streams.IntegrationTests.Infrastructure;

namespace Streams.Ui.Tests;

/// <summary>
/// The page's uPlot is the npm package's, unchanged: each vendored file byte for byte as tests/crosscheck/ui's
/// package-lock.json installs that version (`./streams test` runs npm ci there). A missing package fails the test.
/// </summary>
public sealed class VendoredUplotTests
{
    [Theory]
    [InlineData("dist/uPlot.esm.js", "uPlot.esm.js")]
    [InlineData("dist/uPlot.min.css", "uPlot.min.css")]
    [InlineData("LICENSE", "LICENSE")]
    public void VendoredFile_IsByteIdenticalToThePinnedNpmPackage(string packageFile, string vendoredFile)
    {
        // Arrange
        var root = RepositoryFiles.PathOf("");
        var package = Path.Combine(root, "tests", "crosscheck", "ui", "node_modules", "uplot");
        Assert.True(Directory.Exists(package), "uplot is not installed: run `npm ci --prefix tests/crosscheck/ui` from the repository root.");

        // Act
        var vendored = File.ReadAllBytes(Path.Combine(root, "services", "Ui", "wwwroot", "vendor", "uplot", vendoredFile));
        var published = File.ReadAllBytes(Path.Combine(package, packageFile));

        // Assert
        Assert.Equal(published, vendored);
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

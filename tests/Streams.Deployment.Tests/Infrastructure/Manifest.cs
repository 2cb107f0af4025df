using YamlDotNet.RepresentationModel;

namespace Streams.Deployment.Tests.Infrastructure;

/// <summary>One rendered Kubernetes manifest, read with YamlDotNet's representation model.</summary>
/// <param name="Root">The document's top mapping.</param>
public sealed record Manifest(YamlMappingNode Root)
{
    /// <summary>The manifest's kind.</summary>
    public string Kind => Scalar("kind") ?? "";

    /// <summary>metadata.name.</summary>
    public string Name => Scalar("metadata", "name") ?? "";

    /// <summary>The node at a path of mapping keys; null when any step is missing.</summary>
    public YamlNode? Node(params string[] path) => At(Root, path);

    /// <summary>The scalar at a path; null when missing.</summary>
    public string? Scalar(params string[] path) => (Node(path) as YamlScalarNode)?.Value;

    /// <summary>The sequence at a path, empty when missing.</summary>
    public IReadOnlyList<YamlNode> Sequence(params string[] path) => Node(path) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    /// <summary>The node at a path below <paramref name="node"/>; null when any step is missing.</summary>
    public static YamlNode? At(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The scalar at a path below <paramref name="node"/>; null when missing.</summary>
    public static string? ScalarAt(YamlNode? node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    /// <summary>Every non-empty document of a YAML stream.</summary>
    public static IReadOnlyList<Manifest> ParseAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().Select(root => new Manifest(root))];
    }
}

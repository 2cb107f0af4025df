namespace Streams.Avro;

/// <summary>A validated name split into its parts.</summary>
internal readonly record struct SchemaName(string Name, string? Namespace)
{
    public string FullName => Namespace is null ? Name : $"{Namespace}.{Name}";

    /// <summary>
    /// Applies the spec's rules: a name with a dot is a fullname (a leading dot means the null namespace);
    /// otherwise the explicit namespace, else the enclosing one; an empty namespace is the null namespace.
    /// </summary>
    public static SchemaName Resolve(string name, string? explicitNamespace, string? enclosingNamespace)
    {
        var lastDot = name.LastIndexOf('.');
        var (simple, space) = lastDot >= 0
            ? (name[(lastDot + 1)..], name[..lastDot])
            : (name, explicitNamespace ?? enclosingNamespace);
        return new SchemaName(simple, string.IsNullOrEmpty(space) ? null : space);
    }

    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidNamespace(string? space) =>
        space is null || space.Split('.').All(IsValidName);
}

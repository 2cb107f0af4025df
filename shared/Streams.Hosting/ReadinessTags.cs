namespace Streams.Hosting;

/// <summary>Health-check tags: checks tagged <see cref="Ready"/> make up /readyz.</summary>
public static class ReadinessTags
{
    /// <summary>Counts towards /readyz.</summary>
    public const string Ready = "ready";
}

namespace Streams.Kafka.Topics;

/// <summary>Topics a role reads or writes, resolved from its settings at start; every role registers its own.</summary>
/// <param name="Role">The role, for the line that says which roles the topics serve.</param>
/// <param name="Topics">The topic names, given the process's services (its settings).</param>
public sealed record RequiredTopics(string Role, Func<IServiceProvider, IEnumerable<string>> Topics);

namespace Streams.Normaliser.Normalisation;

/// <summary>The configured rules, applied in order, each to the event as the rules before it left it.</summary>
public sealed class RuleSet
{
    private readonly NormalisationRule[] _rules;

    /// <summary>Compiles <paramref name="rules"/>; a rule without a name is called <c>rule-N</c>.</summary>
    public RuleSet(IEnumerable<NormaliserRuleOptions> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules.Select((rule, index) => new NormalisationRule(rule, NameOf(rule, index)))];
    }

    /// <summary>The name a rule is known by.</summary>
    public static string NameOf(NormaliserRuleOptions rule, int index)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Name.Length > 0 ? rule.Name : $"rule-{index}";
    }

    /// <summary>Applies every matching rule; returns the name of the rule that dropped the event, or null when it is kept.</summary>
    public string? Apply(EnvelopeAttributes attributes)
    {
        foreach (var rule in _rules)
        {
            if (!rule.Matches(attributes))
            {
                continue;
            }

            if (rule.Drops)
            {
                return rule.Name;
            }

            rule.Apply(attributes);
        }

        return null;
    }
}

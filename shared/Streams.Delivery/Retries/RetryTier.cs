using System.Globalization;

namespace Streams.Delivery.Retries;

/// <summary>A retry tier: its name (the topic suffix, e.g. <c>30s</c>) and the delay that name stands for.</summary>
/// <param name="Name">The suffix of <c>streams.retry.&lt;name&gt;</c>.</param>
/// <param name="Delay">How long a record waits in the tier before the retrier delivers it again.</param>
public sealed record RetryTier(string Name, TimeSpan Delay)
{
    /// <summary>Reads a tier name made of a whole number and a unit: <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>.</summary>
    public static bool TryParse(string? name, out RetryTier tier)
    {
        tier = new RetryTier("", TimeSpan.Zero);
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var digits = name.TakeWhile(char.IsAsciiDigit).Count();
        if (digits == 0 || !long.TryParse(name.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        TimeSpan? delay = name[digits..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => null,
        };
        if (delay is null)
        {
            return false;
        }

        tier = new RetryTier(name, delay.Value);
        return true;
    }

    /// <summary>Reads a tier name that was validated at start-up.</summary>
    /// <exception cref="FormatException">The name is not a tier name.</exception>
    public static RetryTier Parse(string name) =>
        TryParse(name, out var tier) ? tier : throw new FormatException($"'{name}' is not a retry tier such as 30s, 5m or 1h.");
}

namespace Streams.Chaos;

/// <summary>What the command line asked for.</summary>
internal sealed record ChaosSettings
{
    public required IReadOnlyList<ChaosRow> Rows { get; init; }

    public required ChaosTimeline Timeline { get; init; }

    /// <summary>Events per second, open loop, through every row.</summary>
    public required int Rate { get; init; }

    /// <summary>Where the table and each row's role logs go.</summary>
    public required string Out { get; init; }

    /// <summary>The command as typed, for the report.</summary>
    public required string Command { get; init; }

    /// <summary>The host every role and the dev cluster run from; the one built beside this command by default.</summary>
    public string HostDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "streams-host.dll");
}

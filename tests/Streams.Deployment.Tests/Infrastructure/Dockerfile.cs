using System.Text.Json;

namespace Streams.Deployment.Tests.Infrastructure;

/// <summary>One instruction of a Dockerfile: its keyword and the rest of its (joined) lines.</summary>
/// <param name="Keyword">FROM, RUN, ARG, … upper-cased.</param>
/// <param name="Arguments">What follows the keyword.</param>
public sealed record Instruction(string Keyword, string Arguments);

/// <summary>A Dockerfile's stages, read the way the builder does for the instructions this repository uses.</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<IReadOnlyList<Instruction>> stages) => Stages = stages;

    /// <summary>Each stage's instructions, its FROM first.</summary>
    public IReadOnlyList<IReadOnlyList<Instruction>> Stages { get; }

    /// <summary>The stage whose FROM ends <c>AS name</c>.</summary>
    public IReadOnlyList<Instruction> Stage(string name) =>
        Stages.Single(stage => stage[0].Arguments.EndsWith(" AS " + name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a Dockerfile: comments and blank lines dropped, backslash continuations joined.</summary>
    public static Dockerfile Parse(string text)
    {
        var instructions = new List<Instruction>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || line.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(new Instruction(whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim()));
        }

        var stages = new List<List<Instruction>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add([instruction]);
            }
            else
            {
                stages[^1].Add(instruction);
            }
        }

        return new Dockerfile([.. stages]);
    }

    /// <summary>An exec-form instruction's arguments (ENTRYPOINT ["dotnet", "x.dll"]).</summary>
    public static IReadOnlyList<string> ExecForm(Instruction instruction) =>
        JsonSerializer.Deserialize<string[]>(instruction.Arguments) ?? throw new FormatException($"{instruction.Keyword} is not in exec form.");
}

using System.CommandLine;
using System.CommandLine.Parsing;

namespace RwaCompute.Cli.Parsing;

/// <summary>"Did you mean …?" for a word the parser did not recognise: the closest option (for <c>--prise</c>) or
/// subcommand (for <c>tokne</c>) of the command it was typed after, by Levenshtein distance, when it is close enough
/// to be a typo. Hidden commands and options are never suggested.</summary>
internal static class Suggestions
{
    /// <summary>The closest known spelling, or <see langword="null"/> when none is close.</summary>
    /// <param name="token">The unrecognised word.</param>
    /// <param name="command">The command it was typed after.</param>
    /// <returns>The suggestion.</returns>
    public static string? Closest(string token, CommandResult? command)
    {
        if (command is null || string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var candidates = token.StartsWith('-')
            ? Options(command).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            : Subcommands(command).Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));

        // A typo changes a few characters: at most 2, or a third of a long word.
        var limit = Math.Max(2, token.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(token, candidate);
            if (distance > 0 && distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The Levenshtein distance (insertions, deletions, substitutions; case-sensitive, as the parser is).</summary>
    /// <param name="a">One word.</param>
    /// <param name="b">The other.</param>
    /// <returns>The number of single-character edits between them.</returns>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The subcommands of the command and of its ancestors, nearest first: in <c>rwa tokne pause</c> the parser
    /// lands on (hidden) <c>rwa pause</c>, but the typo is the root's.</summary>
    private static IEnumerable<Command> Subcommands(CommandResult command)
    {
        for (SymbolResult? current = command; current is CommandResult result; current = result.Parent)
        {
            foreach (var subcommand in result.Command.Subcommands)
            {
                yield return subcommand;
            }
        }
    }

    /// <summary>The command's own options and the recursive ones of its ancestors (<c>--rpc</c>, <c>--json</c>…).</summary>
    private static IEnumerable<Option> Options(CommandResult command)
    {
        foreach (var option in command.Command.Options)
        {
            yield return option;
        }

        for (var parent = command.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(o => o.Recursive))
            {
                yield return option;
            }
        }
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;

namespace RwaCompute.Cli.Parsing;

/// <summary>Rules between a command's options, checked while the command line is parsed (added to
/// <see cref="Command.Validators"/>): breaking one is a usage error, exit code 2, nothing sent.</summary>
internal static class CommandValidators
{
    /// <summary>At most one of two options.</summary>
    /// <param name="first">One option.</param>
    /// <param name="second">The other.</param>
    /// <returns>The validator.</returns>
    public static Action<CommandResult> NotBoth(Option first, Option second) => result =>
    {
        if (Given(result, first) && Given(result, second))
        {
            result.AddError($"{first.Name}: give either {first.Name} or {second.Name}, not both.");
        }
    };

    /// <summary>An option that means something only together with a flag.</summary>
    /// <param name="option">The option.</param>
    /// <param name="flag">The flag it needs.</param>
    /// <returns>The validator.</returns>
    public static Action<CommandResult> OnlyWith(Option option, Option<bool> flag) => result =>
    {
        if (Given(result, option) && !result.GetValue(flag))
        {
            result.AddError($"{option.Name}: is only meaningful with {flag.Name}.");
        }
    };

    /// <summary>An option that needs another option given with it (both ways when used twice).</summary>
    /// <param name="option">The option.</param>
    /// <param name="needed">The option it needs.</param>
    /// <returns>The validator.</returns>
    public static Action<CommandResult> Requires(Option option, Option needed) => result =>
    {
        if (Given(result, option) && !Given(result, needed))
        {
            result.AddError($"{option.Name}: needs {needed.Name}.");
        }
    };

    private static bool Given(CommandResult result, Option option) => result.GetResult(option) is { Implicit: false };
}

using System.Globalization;

namespace RwaCompute.CodeGen.Naming;

/// <summary>
/// A set of names in use in one C# scope (a namespace's types, a class's members, a method's parameters). When a
/// wanted name is taken, the scope appends 2, 3, … — callers present names in a deterministic order (sorted by
/// Solidity signature), so the same ABI always yields the same names.
/// </summary>
public sealed class NameScope
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    /// <summary>Creates a scope with names already taken.</summary>
    /// <param name="reserved">Names that generated members must not take.</param>
    public NameScope(IEnumerable<string>? reserved = null)
    {
        if (reserved is not null)
        {
            used.UnionWith(reserved);
        }
    }

    /// <summary>Whether <paramref name="name"/> is taken.</summary>
    /// <param name="name">A name.</param>
    /// <returns><see langword="true"/> if taken.</returns>
    public bool IsTaken(string name) => used.Contains(name);

    /// <summary>Marks a name as taken (no check).</summary>
    /// <param name="name">The name.</param>
    public void Reserve(string name) => used.Add(name);

    /// <summary>Takes <paramref name="wanted"/>, or the first free <c>wanted2</c>, <c>wanted3</c>, ….</summary>
    /// <param name="wanted">The preferred name.</param>
    /// <returns>The name taken.</returns>
    public string Allocate(string wanted) => AllocateGroup(wanted, name => [name]);

    /// <summary>
    /// Takes a base name and every name derived from it, all free together: <c>Transfer</c> with
    /// <c>TransferFunction</c>, <c>TransferFunctionBase</c>, …; if any is taken, tries <c>Transfer2</c>, ….
    /// </summary>
    /// <param name="wanted">The preferred base name.</param>
    /// <param name="derive">The names a base name stands for (including the base itself if it is used).</param>
    /// <returns>The base name taken.</returns>
    public string AllocateGroup(string wanted, Func<string, IEnumerable<string>> derive)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(derive);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? wanted : wanted + attempt.ToString(CultureInfo.InvariantCulture);
            var names = derive(candidate).ToList();
            if (names.Distinct(StringComparer.Ordinal).Count() == names.Count && !names.Any(used.Contains))
            {
                used.UnionWith(names);
                return candidate;
            }
        }
    }
}

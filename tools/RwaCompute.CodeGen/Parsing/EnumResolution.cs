using System.Security.Cryptography;
using System.Text;
using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Parsing;

/// <summary>
/// Finds the definitions of the enums a contract's ABI refers to: first in the contract's own AST, then (for enums
/// declared in another source file, such as an interface) in the artifact of the declaring contract, which forge
/// names after it (<c>out/IEscrow.sol/IEscrow.json</c>). An enum found nowhere stays an integer in the bindings.
/// </summary>
public static class EnumResolution
{
    /// <summary>The contract with <see cref="ContractDefinition.Enums"/> set from <paramref name="candidates"/> (the
    /// ones its ABI refers to), and the enums folded into its input hash.</summary>
    /// <param name="contract">The parsed contract.</param>
    /// <param name="candidates">Enum definitions available (from its AST and others).</param>
    /// <returns>The contract with its enums.</returns>
    public static ContractDefinition WithEnums(ContractDefinition contract, IEnumerable<EnumDefinition> candidates)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(candidates);
        var byName = new Dictionary<string, EnumDefinition>(StringComparer.Ordinal);
        foreach (var definition in contract.Enums.Concat(candidates))
        {
            byName.TryAdd(definition.CanonicalName, definition);
        }

        var enums = contract.ReferencedEnums.Where(byName.ContainsKey).Select(n => byName[n]).ToList();
        if (enums.Count == contract.Enums.Count)
        {
            return contract;
        }

        return contract with { Enums = enums, InputSha256 = Rehash(contract, enums) };
    }

    /// <summary>Resolves the enums <paramref name="contract"/> refers to but has no definition for yet, from the
    /// artifacts of their declaring contracts under <paramref name="artifactFolders"/>.</summary>
    /// <param name="contract">The parsed contract.</param>
    /// <param name="artifactFolders">Folders searched (forge out/ folders); files are ignored.</param>
    /// <param name="cache">AST reads shared across contracts (artifact path → its enums).</param>
    /// <returns>The contract with every enum that could be found.</returns>
    public static ContractDefinition Resolve(ContractDefinition contract, IReadOnlyList<string> artifactFolders, IDictionary<string, IReadOnlyList<EnumDefinition>> cache)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(artifactFolders);
        ArgumentNullException.ThrowIfNull(cache);
        var known = contract.Enums.Select(e => e.CanonicalName).ToHashSet(StringComparer.Ordinal);
        var found = new List<EnumDefinition>();
        foreach (var name in contract.ReferencedEnums.Where(n => !known.Contains(n)))
        {
            var dot = name.LastIndexOf('.');
            if (dot < 0)
            {
                continue; // A file-level enum: only the contract's own AST can declare it.
            }

            var scope = name[..dot];
            foreach (var folder in artifactFolders.Where(Directory.Exists))
            {
                foreach (var file in Directory.EnumerateFiles(folder, scope + ".json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (!cache.TryGetValue(file, out var enums))
                    {
                        enums = AstEnums.ReadFile(file) ?? [];
                        cache[file] = enums;
                    }

                    found.AddRange(enums.Where(e => string.Equals(e.CanonicalName, name, StringComparison.Ordinal)));
                }
            }
        }

        return found.Count == 0 ? contract : WithEnums(contract, found);
    }

    /// <summary>The input hash extended by the enum definitions generation consumed (names, members, NatSpec).</summary>
    private static string Rehash(ContractDefinition contract, IReadOnlyList<EnumDefinition> enums)
    {
        var text = new StringBuilder(contract.InputSha256);
        foreach (var definition in enums)
        {
            text.Append('\n').Append(definition.CanonicalName).Append('|').Append(definition.Notice);
            foreach (var member in definition.Members)
            {
                text.Append('|').Append(member.Name).Append('=').Append(member.Notice);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

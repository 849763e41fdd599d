using System.Text;

namespace RwaCompute.CodeGen.Naming;

/// <summary>
/// Turns Solidity names into C# names. PascalCase: split at <c>_</c> and <c>$</c> (so leading and trailing
/// underscores vanish), capitalize each part, and lower an all-capitals part after its first letter
/// (<c>DOMAIN_SEPARATOR</c> → <c>DomainSeparator</c>, <c>URI</c> → <c>Uri</c>, but <c>ERC1155Receiver</c> stays).
/// </summary>
public static class IdentifierConverter
{
    /// <summary>The PascalCase form of a Solidity name.</summary>
    /// <param name="solidityName">A Solidity identifier.</param>
    /// <returns>The C# name, or <see langword="null"/> when nothing is left (<c>_</c>, <c>$</c>).</returns>
    public static string? ToPascalCase(string solidityName)
    {
        ArgumentNullException.ThrowIfNull(solidityName);
        var builder = new StringBuilder(solidityName.Length);
        foreach (var part in solidityName.Split(['_', '$'], StringSplitOptions.RemoveEmptyEntries))
        {
            var allCapitals = part.Any(char.IsAsciiLetter) && !part.Any(char.IsAsciiLetterLower) && part.Length > 1;
            builder.Append(char.ToUpperInvariant(part[0]));
            builder.Append(allCapitals ? part[1..].ToLowerInvariant() : part[1..]);
        }

        if (builder.Length == 0)
        {
            return null;
        }

        // A name cannot start with a digit (Solidity's "_1" leaves "1").
        return char.IsAsciiDigit(builder[0]) ? "N" + builder : builder.ToString();
    }

    /// <summary>The camelCase form of a PascalCase name, not escaped: <c>LotId</c> → <c>lotId</c>,
    /// <c>URLPath</c> → <c>urlPath</c>, <c>Id</c> → <c>id</c>.</summary>
    /// <param name="pascalName">A PascalCase identifier.</param>
    /// <returns>The camelCase identifier.</returns>
    public static string ToCamelCase(string pascalName)
    {
        ArgumentNullException.ThrowIfNull(pascalName);
        var upperRun = 0;
        while (upperRun < pascalName.Length && char.IsAsciiLetterUpper(pascalName[upperRun]))
        {
            upperRun++;
        }

        if (upperRun == 0)
        {
            return pascalName;
        }

        // In "URLPath" the run is "URLP": lower all but the capital that starts the next word.
        var lower = upperRun > 1 && upperRun < pascalName.Length && char.IsAsciiLetterLower(pascalName[upperRun])
            ? upperRun - 1
            : upperRun;
        return pascalName[..lower].ToLowerInvariant() + pascalName[lower..];
    }
}

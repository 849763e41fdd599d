using System.Text.RegularExpressions;
using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Builds doc-comment text (already XML-escaped) from NatSpec and the ABI.</summary>
public static partial class DocText
{
    /// <summary>The NatSpec notice, escaped, or <paramref name="fallback"/> (already XML).</summary>
    /// <param name="documentation">The item's NatSpec.</param>
    /// <param name="fallback">Doc XML to use when there is no notice.</param>
    /// <returns>Doc XML.</returns>
    public static string NoticeOr(Documentation documentation, string fallback)
    {
        ArgumentNullException.ThrowIfNull(documentation);
        return documentation.Notice is { } notice ? Prose(notice) : fallback;
    }

    /// <summary>NatSpec prose as doc XML: escaped, with Markdown code spans (<c>`x`</c>) as <c>&lt;c&gt;x&lt;/c&gt;</c>.</summary>
    /// <param name="text">NatSpec text.</param>
    /// <returns>Doc XML.</returns>
    public static string Prose(string text) =>
        CodeSpan().Replace(CodeWriter.Escape(text), "<c>$1</c>");

    /// <summary><c>&lt;c&gt;text&lt;/c&gt;</c> with the text escaped.</summary>
    /// <param name="text">Code text.</param>
    /// <returns>Doc XML.</returns>
    public static string Code(string text) => "<c>" + CodeWriter.Escape(text) + "</c>";

    /// <summary>A Solidity declaration for docs: <c>uint256 amount</c>, <c>struct Lib.Lot lot</c>.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>Plain text (not escaped).</returns>
    public static string Declaration(AbiParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var type = parameter.InternalType is { } internalType
            && (internalType.StartsWith("struct ", StringComparison.Ordinal) || internalType.StartsWith("enum ", StringComparison.Ordinal) || internalType.StartsWith("contract ", StringComparison.Ordinal))
            ? internalType
            : parameter.Type.CanonicalName;
        var indexed = parameter.Indexed ? " indexed" : string.Empty;
        return parameter.Name.Length == 0 ? type + indexed : type + indexed + " " + parameter.Name;
    }

    /// <summary>The doc text of a property: the NatSpec <c>@param</c> when there is one, else the Solidity
    /// declaration, plus what a hashed topic holds.</summary>
    /// <param name="property">The property.</param>
    /// <param name="documentation">The owning item's NatSpec.</param>
    /// <returns>Doc XML.</returns>
    public static string Property(PropertyBinding property, Documentation documentation)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(documentation);
        var declaration = Code(Declaration(property.Parameter));
        var text = documentation.ForParameter(property.Parameter.Name) is { } paramDoc && property.Parameter.Name.Length > 0
            ? Prose(paramDoc) + " (Solidity " + declaration + ".)"
            : "Solidity " + declaration + ".";
        if (property.IsHashedTopic)
        {
            text += " Indexed reference type: this holds the topic, keccak256 of the ABI-encoded value (0x-hex), not the value.";
        }
        else if (property.Parameter.InternalType?.StartsWith("enum ", StringComparison.Ordinal) == true
            && property.CSharpType is "byte" or "List<byte>")
        {
            // The enum's definition was not found in any AST (plain ABI input, or artifacts built without ast = true).
            text += " The enum's ordinal.";
        }

        return text;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}

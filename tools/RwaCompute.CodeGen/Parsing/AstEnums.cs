using System.Text.Json;
using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Parsing;

/// <summary>
/// Reads enum definitions from a solc AST (the <c>ast</c> member forge writes into an artifact when
/// <c>ast = true</c>): every <c>EnumDefinition</c> node with its <c>canonicalName</c>, members and NatSpec.
/// </summary>
public static class AstEnums
{
    /// <summary>The enums an AST declares, in source order.</summary>
    /// <param name="ast">The AST's root (a <c>SourceUnit</c>).</param>
    /// <returns>The enums; empty when the node is not an object.</returns>
    public static IReadOnlyList<EnumDefinition> Read(JsonElement ast)
    {
        var found = new List<EnumDefinition>();
        Walk(ast, found, depth: 0);
        return found;
    }

    /// <summary>The <c>ast</c> member of an artifact file, or <see langword="null"/> when it has none.</summary>
    /// <param name="artifactPath">The artifact.</param>
    /// <returns>The enums the artifact's source unit declares, or <see langword="null"/>.</returns>
    /// <exception cref="CodeGenInputException">The file cannot be read or is not JSON.</exception>
    public static IReadOnlyList<EnumDefinition>? ReadFile(string artifactPath)
    {
        ArgumentNullException.ThrowIfNull(artifactPath);
        try
        {
            using var stream = File.OpenRead(artifactPath);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 512 });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("ast", out var ast)
                ? Read(ast)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CodeGenInputException(CodeGenDiagnostic.UnreadableAst, artifactPath, "$.ast", "cannot read the AST: " + ex.Message, ex);
        }
    }

    private static void Walk(JsonElement node, List<EnumDefinition> found, int depth)
    {
        // Enums live at file level or one level inside a contract; never deeper than a few nodes.
        if (depth > 4)
        {
            return;
        }

        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                Walk(item, found, depth);
            }

            return;
        }

        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("nodeType", out var type))
        {
            return;
        }

        switch (type.GetString())
        {
            case "EnumDefinition":
                found.Add(ReadEnum(node));
                break;
            case "SourceUnit":
            case "ContractDefinition":
                if (node.TryGetProperty("nodes", out var children))
                {
                    Walk(children, found, depth + 1);
                }

                break;
        }
    }

    private static EnumDefinition ReadEnum(JsonElement node)
    {
        var name = node.TryGetProperty("canonicalName", out var canonical) && canonical.ValueKind == JsonValueKind.String
            ? canonical.GetString()!
            : node.GetProperty("name").GetString()!;
        var members = new List<EnumMember>();
        if (node.TryGetProperty("members", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var member in list.EnumerateArray())
            {
                members.Add(new EnumMember(member.GetProperty("name").GetString()!, Notice(member)));
            }
        }

        return new EnumDefinition(name, members, Notice(node));
    }

    /// <summary>The <c>@notice</c> text of a node's NatSpec (untagged text counts as a notice), whitespace-folded.</summary>
    private static string? Notice(JsonElement node)
    {
        if (!node.TryGetProperty("documentation", out var doc))
        {
            return null;
        }

        var text = doc.ValueKind switch
        {
            JsonValueKind.String => doc.GetString(),
            JsonValueKind.Object when doc.TryGetProperty("text", out var t) => t.GetString(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Keep the notice: text before the first tag other than @notice (so @dev and @custom stay out).
        var notice = new List<string>();
        var inNotice = true;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('@'))
            {
                inNotice = line.StartsWith("@notice", StringComparison.Ordinal);
                line = inNotice ? line["@notice".Length..].Trim() : string.Empty;
            }

            if (inNotice && line.Length > 0)
            {
                notice.Add(line);
            }
        }

        return notice.Count == 0 ? null : string.Join(' ', notice);
    }
}

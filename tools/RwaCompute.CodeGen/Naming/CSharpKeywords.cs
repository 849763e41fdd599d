namespace RwaCompute.CodeGen.Naming;

/// <summary>C# reserved keywords (and the few contextual ones that can break a parameter name), for escaping
/// camelCase parameter names with <c>@</c>.</summary>
public static class CSharpKeywords
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        // Reserved keywords.
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",

        // Contextual keywords that break as parameter names somewhere generated code may use them.
        "await", "nameof", "var",
    };

    /// <summary>Whether <paramref name="name"/> must be escaped: a reserved keyword, or <c>await</c>, <c>nameof</c>,
    /// <c>var</c>.</summary>
    /// <param name="name">An identifier.</param>
    /// <returns><see langword="true"/> if it must be escaped to be used as a parameter name.</returns>
    public static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>Prefixes <paramref name="name"/> with <c>@</c> if it is a keyword.</summary>
    /// <param name="name">An identifier.</param>
    /// <returns>A name usable as a C# identifier.</returns>
    public static string Escape(string name) => IsKeyword(name) ? "@" + name : name;
}

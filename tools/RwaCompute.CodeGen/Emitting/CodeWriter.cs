using System.Text;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>
/// Writes C# text with four-space indentation and <c>\n</c> line endings on every platform, so that output is
/// byte-identical wherever it is generated.
/// </summary>
public sealed class CodeWriter
{
    private readonly StringBuilder builder = new();
    private int depth;

    /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
    /// <param name="text">The line, without a line ending.</param>
    public void Line(string text = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0)
        {
            builder.Append(' ', depth * 4);
            builder.Append(text);
        }

        builder.Append('\n');
    }

    /// <summary>Writes <c>{</c>, indents, and on dispose outdents and writes <c>}</c> (plus
    /// <paramref name="closingSuffix"/>).</summary>
    /// <param name="closingSuffix">Text after the closing brace, e.g. <c>;</c>.</param>
    /// <returns>Disposing closes the block.</returns>
    public IDisposable Block(string closingSuffix = "")
    {
        Line("{");
        depth++;
        return new Closer(this, closingSuffix);
    }

    /// <summary>Indents until disposed (for wrapped arguments).</summary>
    /// <returns>Disposing outdents.</returns>
    public IDisposable Indent()
    {
        depth++;
        return new Closer(this, null);
    }

    /// <summary>Writes a <c>&lt;summary&gt;</c> doc comment, XML-escaped, one line per source line.</summary>
    /// <param name="text">The summary text.</param>
    public void Summary(string text) => DocElement("summary", text);

    /// <summary>Writes a <c>&lt;remarks&gt;</c> doc comment.</summary>
    /// <param name="text">The remarks text.</param>
    public void Remarks(string text) => DocElement("remarks", text);

    /// <summary>Writes a <c>&lt;param&gt;</c> doc comment.</summary>
    /// <param name="name">The parameter name (without <c>@</c>).</param>
    /// <param name="text">The description.</param>
    public void Param(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        DocElement("param name=\"" + name.TrimStart('@') + "\"", text, "param");
    }

    /// <summary>Writes a <c>&lt;returns&gt;</c> doc comment.</summary>
    /// <param name="text">The description.</param>
    public void Returns(string text) => DocElement("returns", text);

    /// <summary>Writes raw doc-comment XML (already escaped), e.g. <c>&lt;inheritdoc/&gt;</c>.</summary>
    /// <param name="xml">The XML.</param>
    public void DocXml(string xml) => Line("/// " + xml);

    /// <inheritdoc />
    public override string ToString() => builder.ToString();

    /// <summary>A C# string literal of <paramref name="text"/> (quotes and backslashes escaped).</summary>
    /// <param name="text">The text (identifiers, signatures, hex: no control characters).</param>
    /// <returns>The literal, with its quotes.</returns>
    public static string StringLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Escapes text for XML doc comments. Text already holding doc markup (<c>&lt;c&gt;</c>,
    /// <c>&lt;see …/&gt;</c>) must not be passed through this.</summary>
    /// <param name="text">Plain text.</param>
    /// <returns>The escaped text.</returns>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private void DocElement(string open, string text, string? close = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        if (lines.Count == 1)
        {
            Line($"/// <{open}>{lines[0]}</{close ?? open}>");
            return;
        }

        Line($"/// <{open}>");
        foreach (var line in lines)
        {
            Line(line.Length == 0 ? "///" : "/// " + line);
        }

        Line($"/// </{close ?? open}>");
    }

    private sealed class Closer(CodeWriter writer, string? suffix) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            writer.depth--;
            if (suffix is not null)
            {
                writer.Line("}" + suffix);
            }
        }
    }
}

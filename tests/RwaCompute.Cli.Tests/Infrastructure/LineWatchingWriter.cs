using System.Text;

namespace RwaCompute.Cli.Tests.Infrastructure;

/// <summary>A StringWriter that calls back on every complete line, synchronously (to cancel a run right after a
/// given progress line, as a crash at that moment would).</summary>
public sealed class LineWatchingWriter(Action<string> onLine) : StringWriter
{
    private readonly StringBuilder line = new();

    public override void Write(char value)
    {
        base.Write(value);
        if (value == '\n')
        {
            onLine(line.ToString().TrimEnd('\r'));
            line.Clear();
        }
        else
        {
            line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }
}

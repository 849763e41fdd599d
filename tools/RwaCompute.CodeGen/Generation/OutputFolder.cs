using System.Text;
using RwaCompute.CodeGen.Emitting;

namespace RwaCompute.CodeGen.Generation;

/// <summary>
/// Compares generated files with an output folder, and brings the folder up to date: writes changed files (UTF-8,
/// no BOM) and deletes stale generated files — only <c>*.g.cs</c> files that start with the generated-file
/// marker, never a hand-written file.
/// </summary>
public static class OutputFolder
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The files that differ.</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="files">What the generator produced.</param>
    /// <returns>Differences, sorted by path.</returns>
    public static IReadOnlyList<FileDifference> Compare(string directory, IReadOnlyList<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(files);
        var differences = new List<FileDifference>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.RelativePath);
            if (!File.Exists(path))
            {
                differences.Add(new FileDifference(file.RelativePath, FileDifferenceKind.Missing));
            }
            else if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(Utf8NoBom.GetBytes(file.Content)))
            {
                differences.Add(new FileDifference(file.RelativePath, FileDifferenceKind.Modified));
            }
        }

        differences.AddRange(StaleFiles(directory, files).Select(p => new FileDifference(p, FileDifferenceKind.Stale)));
        return [.. differences.OrderBy(d => d.RelativePath, StringComparer.Ordinal)];
    }

    /// <summary>Writes the files that changed and deletes stale generated files.</summary>
    /// <param name="directory">The output folder (created if missing).</param>
    /// <param name="files">What the generator produced.</param>
    /// <returns>What was written or deleted.</returns>
    public static IReadOnlyList<FileDifference> Write(string directory, IReadOnlyList<GeneratedFile> files)
    {
        var differences = Compare(directory, files);
        var contents = files.ToDictionary(f => f.RelativePath, f => f.Content, StringComparer.Ordinal);
        foreach (var difference in differences)
        {
            var path = Path.Combine(directory, difference.RelativePath);
            if (difference.Kind == FileDifferenceKind.Stale)
            {
                File.Delete(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, contents[difference.RelativePath], Utf8NoBom);
        }

        return differences;
    }

    private static IEnumerable<string> StaleFiles(string directory, IReadOnlyList<GeneratedFile> files)
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        var expected = files.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.g.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, path).Replace('\\', '/');
            if (!expected.Contains(relative) && IsGenerated(path))
            {
                yield return relative;
            }
        }
    }

    private static bool IsGenerated(string path)
    {
        using var reader = new StreamReader(path);
        return string.Equals(reader.ReadLine(), FileHeader.Marker, StringComparison.Ordinal);
    }
}

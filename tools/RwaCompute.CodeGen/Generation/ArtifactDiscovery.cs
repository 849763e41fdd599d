using RwaCompute.CodeGen.Parsing;

namespace RwaCompute.CodeGen.Generation;

/// <summary>
/// Finds the input files: explicit files as given; folders searched recursively for <c>*.json</c> (skipping
/// forge's <c>build-info</c>), filtered by contract name (<c>Name</c>, or <c>File.sol:Name</c> when two source
/// files declare the same name).
/// </summary>
public static class ArtifactDiscovery
{
    /// <summary>Resolves the inputs.</summary>
    /// <param name="artifacts">Files and folders.</param>
    /// <param name="contracts">Contract filter; empty for everything found.</param>
    /// <param name="sourceRoot">The folder display paths are relative to.</param>
    /// <returns>The inputs, sorted by display path.</returns>
    /// <exception cref="CodeGenInputException">A path does not exist, a contract is missing or ambiguous.</exception>
    public static IReadOnlyList<ArtifactInput> Discover(IReadOnlyList<string> artifacts, IReadOnlyList<string> contracts, string sourceRoot)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(contracts);
        if (artifacts.Count == 0)
        {
            throw new CodeGenInputException(CodeGenDiagnostic.NoInput, "no input: give --artifacts a forge out/ folder, artifact files or ABI files");
        }

        var candidates = new List<string>();
        foreach (var path in artifacts)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                candidates.Add(full);
            }
            else if (Directory.Exists(full))
            {
                candidates.AddRange(Directory
                    .EnumerateFiles(full, "*.json", SearchOption.AllDirectories)
                    .Where(f => !Path.GetRelativePath(full, f).Replace('\\', '/').Split('/').Contains("build-info", StringComparer.Ordinal))
                    .Where(f => !f.EndsWith(".dbg.json", StringComparison.OrdinalIgnoreCase)));
            }
            else
            {
                throw new CodeGenInputException(CodeGenDiagnostic.InputNotFound, Display(sourceRoot, full), null, "no such file or folder");
            }
        }

        candidates = [.. candidates.Distinct(StringComparer.Ordinal).OrderBy(c => Display(sourceRoot, c), StringComparer.Ordinal)];
        if (contracts.Count == 0)
        {
            return [.. candidates.Select(c => new ArtifactInput(c, Display(sourceRoot, c)))];
        }

        var chosen = new List<string>();
        foreach (var wanted in contracts)
        {
            var separator = wanted.LastIndexOf(':');
            var sourceFile = separator < 0 ? null : wanted[..separator];
            var name = separator < 0 ? wanted : wanted[(separator + 1)..];
            var matches = candidates
                .Where(c => string.Equals(ArtifactParser.ContractNameFromFile(c), name, StringComparison.Ordinal))
                .Where(c => sourceFile is null || string.Equals(Path.GetFileName(Path.GetDirectoryName(c)), sourceFile, StringComparison.Ordinal))
                .ToList();
            if (matches.Count == 0)
            {
                throw new CodeGenInputException(
                    CodeGenDiagnostic.ContractNotFound,
                    string.Join(", ", artifacts),
                    null,
                    $"contract '{wanted}' not found (looked for {name}.json" + (sourceFile is null ? string.Empty : " under " + sourceFile) + ")");
            }

            if (matches.Count > 1)
            {
                throw new CodeGenInputException(
                    CodeGenDiagnostic.AmbiguousContract,
                    string.Join(", ", artifacts),
                    null,
                    $"contract '{wanted}' is ambiguous ({string.Join(", ", matches.Select(m => Display(sourceRoot, m)))}); qualify it as File.sol:{name}");
            }

            chosen.Add(matches[0]);
        }

        return [.. chosen.Distinct(StringComparer.Ordinal).Select(c => new ArtifactInput(c, Display(sourceRoot, c))).OrderBy(i => i.DisplayPath, StringComparer.Ordinal)];
    }

    /// <summary>The default source root: the nearest folder at or above <paramref name="start"/> that holds
    /// <c>.git</c>, else the current folder.</summary>
    /// <param name="start">A file or folder to start from.</param>
    /// <returns>An absolute folder path.</returns>
    public static string FindSourceRoot(string? start)
    {
        var directory = start is null ? null : Path.GetFullPath(start);
        if (directory is not null && File.Exists(directory))
        {
            directory = Path.GetDirectoryName(directory);
        }

        for (var current = directory; current is not null; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(Path.Combine(current, ".git")) || File.Exists(Path.Combine(current, ".git")))
            {
                return current;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static string Display(string root, string fullPath) =>
        Path.GetRelativePath(root, fullPath).Replace('\\', '/');
}

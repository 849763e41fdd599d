namespace RwaCompute.Devnet.Anvil;

/// <summary>
/// Finds the native anvil binary the repository pins in package.json (never the node_modules/.bin launcher, a Node
/// wrapper that always exits 0).
/// </summary>
public static class AnvilLocator
{
    /// <summary>The environment variable that overrides the search with an explicit path.</summary>
    public const string OverrideVariable = "RWA_ANVIL";

    private static readonly string RelativeBinary = Path.Combine("node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    /// <summary>Finds anvil: <see cref="OverrideVariable"/>, else node_modules above <paramref name="startDirectory"/>,
    /// the current directory or this assembly's directory.</summary>
    /// <param name="startDirectory">Where to start looking (the current directory when <see langword="null"/>).</param>
    /// <returns>The binary's full path.</returns>
    /// <exception cref="FileNotFoundException">anvil is not installed; the message says how to install it.</exception>
    public static string Locate(string? startDirectory = null)
    {
        var explicitPath = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new FileNotFoundException($"{OverrideVariable} points at {explicitPath}, which does not exist.", explicitPath);
        }

        foreach (var start in new[] { startDirectory, Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            if (string.IsNullOrEmpty(start))
            {
                continue;
            }

            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RelativeBinary);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"anvil not found: no {RelativeBinary} above {startDirectory ?? Environment.CurrentDirectory}. " +
            $"Run `npm ci` in the RwaCompute repository (it installs the pinned Foundry), or set {OverrideVariable} to an anvil binary.");
    }
}

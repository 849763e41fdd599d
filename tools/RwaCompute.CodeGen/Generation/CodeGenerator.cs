using RwaCompute.CodeGen.Emitting;
using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Naming;
using RwaCompute.CodeGen.Parsing;

namespace RwaCompute.CodeGen.Generation;

/// <summary>
/// The whole pipeline: find inputs, parse them (Parser → Model), name everything (Naming), emit C# (Emitter).
/// Output depends only on the inputs and options: same input, byte-identical files.
/// </summary>
public static class CodeGenerator
{
    /// <summary>Generates the bindings described by <paramref name="options"/>.</summary>
    /// <param name="options">Inputs, filter and namespace.</param>
    /// <returns>The files (contracts by name), paths relative to the output folder. The runtime they build on is the
    /// compiled RwaCompute.Contracts.Runtime package, not generated.</returns>
    /// <exception cref="CodeGenInputException">An input is missing or malformed.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateNamespace(options.Namespace);
        var root = Path.GetFullPath(options.SourceRoot ?? ArtifactDiscovery.FindSourceRoot(options.Artifacts.Count > 0 ? options.Artifacts[0] : null));
        var inputs = ArtifactDiscovery.Discover(options.Artifacts, options.Contracts, root);
        var folders = options.Artifacts.Select(Path.GetFullPath).Where(Directory.Exists).ToList();
        var astCache = new Dictionary<string, IReadOnlyList<EnumDefinition>>(StringComparer.Ordinal);
        var contracts = inputs
            .Select(i => ArtifactParser.ParseFile(i.FullPath, i.DisplayPath))
            .Select(c => EnumResolution.Resolve(c, folders, astCache))
            .ToList();
        return Generate(contracts, options.Namespace);
    }

    /// <summary>Generates the bindings of parsed contracts.</summary>
    /// <param name="contracts">The contracts.</param>
    /// <param name="rootNamespace">The root namespace.</param>
    /// <returns>The files.</returns>
    /// <exception cref="CodeGenInputException">Two contracts would share a namespace.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(IReadOnlyList<ContractDefinition> contracts, string rootNamespace)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ValidateNamespace(rootNamespace);
        var bindings = contracts
            .Select(c => ContractBinder.Bind(c, rootNamespace))
            .OrderBy(b => b.TypePrefix, StringComparer.Ordinal)
            .ToList();
        var clash = bindings.GroupBy(b => b.TypePrefix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new CodeGenInputException(
                CodeGenDiagnostic.NamespaceCollision,
                $"contracts {string.Join(" and ", clash.Select(b => b.Contract.SourcePath))} would both generate {rootNamespace}.{clash.Key}; "
                + "select one with --contracts File.sol:Name");
        }

        var files = new List<GeneratedFile>();
        foreach (var binding in bindings)
        {
            files.AddRange(ContractEmitter.Emit(binding));
        }

        return files;
    }

    /// <summary>Checks that <paramref name="rootNamespace"/> is a dotted C# name.</summary>
    /// <param name="rootNamespace">The namespace.</param>
    /// <exception cref="CodeGenInputException">It is not.</exception>
    public static void ValidateNamespace(string rootNamespace)
    {
        var valid = !string.IsNullOrEmpty(rootNamespace)
            && rootNamespace.Split('.').All(part =>
                part.Length > 0
                && (char.IsLetter(part[0]) || part[0] == '_')
                && part.All(c => char.IsLetterOrDigit(c) || c == '_')
                && !CSharpKeywords.IsKeyword(part));
        if (!valid)
        {
            throw new CodeGenInputException(CodeGenDiagnostic.InvalidNamespace, $"'{rootNamespace}' is not a valid C# namespace (--namespace)");
        }
    }
}

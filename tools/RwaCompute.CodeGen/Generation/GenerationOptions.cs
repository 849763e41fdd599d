namespace RwaCompute.CodeGen.Generation;

/// <summary>What to generate: the command line's options.</summary>
public sealed class GenerationOptions
{
    /// <summary>Artifact files, ABI files, or folders (such as forge's <c>out/</c>) to read.</summary>
    public IReadOnlyList<string> Artifacts { get; init; } = [];

    /// <summary>Contracts to take from the inputs (<c>Name</c> or <c>File.sol:Name</c>); all when empty.</summary>
    public IReadOnlyList<string> Contracts { get; init; } = [];

    /// <summary>The root namespace; each contract gets <c>Namespace.ContractName</c>.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>Where input paths in file headers are relative to; by default the repository root (the nearest
    /// folder holding <c>.git</c> above the first input), else the current folder.</summary>
    public string? SourceRoot { get; init; }
}

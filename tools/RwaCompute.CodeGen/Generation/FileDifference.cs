namespace RwaCompute.CodeGen.Generation;

/// <summary>One file that differs between disk and the generator's output.</summary>
/// <param name="RelativePath">Path under the output folder, forward slashes.</param>
/// <param name="Kind">How it differs.</param>
public sealed record FileDifference(string RelativePath, FileDifferenceKind Kind);

namespace RwaCompute.CodeGen.Generation;

/// <summary>One input file chosen for generation.</summary>
/// <param name="FullPath">The absolute path.</param>
/// <param name="DisplayPath">The path relative to the source root, forward slashes (written in headers).</param>
public sealed record ArtifactInput(string FullPath, string DisplayPath);

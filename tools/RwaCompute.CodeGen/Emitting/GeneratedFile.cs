namespace RwaCompute.CodeGen.Emitting;

/// <summary>One generated C# file.</summary>
/// <param name="RelativePath">Path under the output folder, forward slashes (<c>Token/TokenService.g.cs</c>).</param>
/// <param name="Content">The file's text (UTF-8 without BOM on disk, <c>\n</c> line endings).</param>
public sealed record GeneratedFile(string RelativePath, string Content);

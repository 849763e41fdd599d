namespace RwaCompute.CodeGen.Model;

/// <summary>Everything the generator knows about one contract, read from one artifact or ABI file. Functions,
/// events and errors are sorted by name then signature, so the model (and so the output) does not depend on the
/// order of the ABI JSON.</summary>
/// <param name="Name">The contract name (a C# identifier-friendly Solidity name).</param>
/// <param name="SourcePath">The input file, relative to the source root, with forward slashes.</param>
/// <param name="InputSha256">SHA-256 (lower-case hex) of what the generator consumed: the ABI, the creation
/// bytecode and the NatSpec, serialized canonically (see docs/CODEGEN.md).</param>
/// <param name="Constructor">The constructor, if the ABI declares one.</param>
/// <param name="Functions">Functions, sorted.</param>
/// <param name="Events">Events, sorted.</param>
/// <param name="Errors">Custom errors, sorted.</param>
/// <param name="Bytecode">The creation bytecode (0x-prefixed hex), or <see langword="null"/> for plain ABI input,
/// interfaces and abstract contracts.</param>
/// <param name="Documentation">The contract's NatSpec, if any.</param>
public sealed record ContractDefinition(
    string Name,
    string SourcePath,
    string InputSha256,
    AbiConstructor? Constructor,
    IReadOnlyList<AbiFunction> Functions,
    IReadOnlyList<AbiEvent> Events,
    IReadOnlyList<AbiError> Errors,
    string? Bytecode,
    Documentation Documentation);

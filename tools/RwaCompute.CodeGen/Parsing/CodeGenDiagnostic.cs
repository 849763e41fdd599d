namespace RwaCompute.CodeGen.Parsing;

/// <summary>
/// A kind of input problem with a stable id (<c>RWACG</c> + four digits), the way compilers number their
/// diagnostics: scripts and docs can match on the id while the wording of the message improves. Ids are never
/// reused or renumbered; the list is in docs/CODEGEN.md, "Diagnostics".
/// </summary>
/// <param name="Id">The stable id, e.g. <c>RWACG0111</c>.</param>
/// <param name="Title">What kind of problem it is, in a few words.</param>
public sealed record CodeGenDiagnostic(string Id, string Title)
{
    /// <summary>Any other invalid input (the standard exception constructors).</summary>
    public static CodeGenDiagnostic InvalidInput { get; } = new("RWACG0000", "invalid input");

    /// <summary>No <c>--artifacts</c> given.</summary>
    public static CodeGenDiagnostic NoInput { get; } = new("RWACG0001", "no input");

    /// <summary>An <c>--artifacts</c> path does not exist.</summary>
    public static CodeGenDiagnostic InputNotFound { get; } = new("RWACG0002", "input not found");

    /// <summary>A <c>--contracts</c> name matches no artifact.</summary>
    public static CodeGenDiagnostic ContractNotFound { get; } = new("RWACG0003", "contract not found");

    /// <summary>A <c>--contracts</c> name matches artifacts from two source files.</summary>
    public static CodeGenDiagnostic AmbiguousContract { get; } = new("RWACG0004", "ambiguous contract name");

    /// <summary>Two contracts would generate the same namespace.</summary>
    public static CodeGenDiagnostic NamespaceCollision { get; } = new("RWACG0005", "namespace collision");

    /// <summary><c>--namespace</c> is not a dotted C# name.</summary>
    public static CodeGenDiagnostic InvalidNamespace { get; } = new("RWACG0006", "invalid namespace");

    /// <summary>An input file cannot be read.</summary>
    public static CodeGenDiagnostic UnreadableFile { get; } = new("RWACG0100", "unreadable file");

    /// <summary>An input file is not JSON.</summary>
    public static CodeGenDiagnostic InvalidJson { get; } = new("RWACG0101", "invalid JSON");

    /// <summary>The JSON is neither an artifact with an <c>abi</c> array nor an ABI array.</summary>
    public static CodeGenDiagnostic NotAnArtifact { get; } = new("RWACG0102", "not an artifact or ABI");

    /// <summary>The contract name (from the file or <c>contractName</c>) is not a Solidity identifier.</summary>
    public static CodeGenDiagnostic InvalidContractName { get; } = new("RWACG0103", "invalid contract name");

    /// <summary>An ABI entry or parameter has a missing or wrongly typed member.</summary>
    public static CodeGenDiagnostic MalformedAbi { get; } = new("RWACG0104", "malformed ABI entry");

    /// <summary>The ABI declares something twice (a second constructor, a repeated signature).</summary>
    public static CodeGenDiagnostic DuplicateAbiEntry { get; } = new("RWACG0105", "duplicate ABI entry");

    /// <summary>An ABI entry of an unknown <c>type</c>.</summary>
    public static CodeGenDiagnostic UnknownAbiEntry { get; } = new("RWACG0106", "unknown ABI entry type");

    /// <summary>The bytecode is not a hex string.</summary>
    public static CodeGenDiagnostic InvalidBytecode { get; } = new("RWACG0107", "invalid bytecode");

    /// <summary>An event has more indexed parameters than the EVM has topics.</summary>
    public static CodeGenDiagnostic TooManyIndexed { get; } = new("RWACG0108", "too many indexed parameters");

    /// <summary>An unknown <c>stateMutability</c>.</summary>
    public static CodeGenDiagnostic UnknownMutability { get; } = new("RWACG0109", "unknown state mutability");

    /// <summary>A function, event, error or parameter name that is not a Solidity identifier.</summary>
    public static CodeGenDiagnostic InvalidIdentifier { get; } = new("RWACG0110", "invalid identifier");

    /// <summary>A Solidity type the generator does not map (<c>function</c>, <c>fixed</c>, <c>uint257</c>).</summary>
    public static CodeGenDiagnostic UnsupportedType { get; } = new("RWACG0111", "unsupported type");

    /// <summary>An artifact's AST (read for enum definitions) cannot be read.</summary>
    public static CodeGenDiagnostic UnreadableAst { get; } = new("RWACG0112", "unreadable AST");

    /// <summary>Every diagnostic, by id.</summary>
    public static IReadOnlyList<CodeGenDiagnostic> All { get; } =
    [
        InvalidInput, NoInput, InputNotFound, ContractNotFound, AmbiguousContract, NamespaceCollision, InvalidNamespace,
        UnreadableFile, InvalidJson, NotAnArtifact, InvalidContractName, MalformedAbi, DuplicateAbiEntry, UnknownAbiEntry,
        InvalidBytecode, TooManyIndexed, UnknownMutability, InvalidIdentifier, UnsupportedType, UnreadableAst,
    ];
}

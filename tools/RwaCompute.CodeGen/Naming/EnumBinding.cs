using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>How a Solidity enum appears in C#: an enum with the same members and values (Solidity encodes enums as
/// <c>uint8</c>; the C# enum keeps the default <c>int</c> backing, which Nethereum's encoder requires).</summary>
/// <param name="Definition">The enum read from the AST.</param>
/// <param name="ClassName">The C# enum name (the Solidity name, or scope + name when two scopes share it).</param>
/// <param name="Members">C# member names with their values, in declaration order.</param>
public sealed record EnumBinding(EnumDefinition Definition, string ClassName, IReadOnlyList<(string Name, int Value, EnumMember Member)> Members);

namespace RwaCompute.CodeGen.Model;

/// <summary>A function, event, error or constructor parameter, a return value, or a struct field.</summary>
/// <param name="Name">The Solidity name; empty when unnamed.</param>
/// <param name="Type">The ABI type.</param>
/// <param name="Indexed">For event parameters: whether the value goes to a topic.</param>
/// <param name="InternalType">The <c>internalType</c> the compiler recorded (e.g. <c>enum Escrow.Status</c>),
/// if any.</param>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed, string? InternalType);

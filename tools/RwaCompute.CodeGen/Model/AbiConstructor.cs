namespace RwaCompute.CodeGen.Model;

/// <summary>A contract constructor.</summary>
/// <param name="Inputs">Arguments, in order.</param>
/// <param name="StateMutability">Payable or nonpayable.</param>
/// <param name="Documentation">NatSpec, if the artifact carries it.</param>
public sealed record AbiConstructor(IReadOnlyList<AbiParameter> Inputs, StateMutability StateMutability, Documentation Documentation);

namespace RwaCompute.CodeGen.Model;

/// <summary>A contract function.</summary>
/// <param name="Name">The Solidity name.</param>
/// <param name="Inputs">Parameters, in order.</param>
/// <param name="Outputs">Return values, in order.</param>
/// <param name="StateMutability">Pure, view, nonpayable or payable.</param>
/// <param name="Documentation">NatSpec, if the artifact carries it.</param>
public sealed record AbiFunction(
    string Name,
    IReadOnlyList<AbiParameter> Inputs,
    IReadOnlyList<AbiParameter> Outputs,
    StateMutability StateMutability,
    Documentation Documentation)
{
    /// <summary>The canonical signature, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string Signature => AbiSignature.Of(Name, Inputs);

    /// <summary>Whether the function reads state only (view or pure).</summary>
    public bool IsReadOnly => StateMutability is StateMutability.View or StateMutability.Pure;
}

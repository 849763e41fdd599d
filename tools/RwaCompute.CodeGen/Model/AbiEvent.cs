namespace RwaCompute.CodeGen.Model;

/// <summary>A contract event.</summary>
/// <param name="Name">The Solidity name.</param>
/// <param name="Inputs">Parameters, in order (indexed or not).</param>
/// <param name="Anonymous">Whether the event is anonymous (no signature topic).</param>
/// <param name="Documentation">NatSpec, if the artifact carries it.</param>
public sealed record AbiEvent(string Name, IReadOnlyList<AbiParameter> Inputs, bool Anonymous, Documentation Documentation)
{
    /// <summary>The canonical signature, e.g. <c>Transfer(address,address,uint256)</c>.</summary>
    public string Signature => AbiSignature.Of(Name, Inputs);
}

namespace RwaCompute.CodeGen.Model;

/// <summary>A custom error.</summary>
/// <param name="Name">The Solidity name.</param>
/// <param name="Inputs">Arguments, in order.</param>
/// <param name="Documentation">NatSpec, if the artifact carries it.</param>
public sealed record AbiError(string Name, IReadOnlyList<AbiParameter> Inputs, Documentation Documentation)
{
    /// <summary>The canonical signature, e.g. <c>Escrow_NotOfferSeller(uint256,address)</c>.</summary>
    public string Signature => AbiSignature.Of(Name, Inputs);
}

namespace RwaCompute.CodeGen.Model;

/// <summary>Builds canonical ABI signatures.</summary>
public static class AbiSignature
{
    /// <summary>The canonical signature <c>name(type1,type2,…)</c>.</summary>
    /// <param name="name">The item's Solidity name.</param>
    /// <param name="inputs">Its parameters.</param>
    /// <returns>The signature whose keccak256 gives the selector or topic.</returns>
    public static string Of(string name, IEnumerable<AbiParameter> inputs) =>
        name + "(" + string.Join(",", inputs.Select(p => p.Type.CanonicalName)) + ")";
}

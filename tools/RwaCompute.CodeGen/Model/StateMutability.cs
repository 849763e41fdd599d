namespace RwaCompute.CodeGen.Model;

/// <summary>A function's <c>stateMutability</c>.</summary>
public enum StateMutability
{
    /// <summary>Reads no state.</summary>
    Pure,

    /// <summary>Reads state, changes none.</summary>
    View,

    /// <summary>Changes state; rejects ether.</summary>
    NonPayable,

    /// <summary>Changes state; accepts ether.</summary>
    Payable,
}

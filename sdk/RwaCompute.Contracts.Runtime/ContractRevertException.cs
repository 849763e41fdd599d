namespace RwaCompute.Contracts.Runtime;

/// <summary>
/// A contract call, transaction or deployment reverted. The derived type says how: a custom error
/// (<see cref="ContractCustomErrorException"/> and the typed exception generated per error),
/// <c>Error(string)</c> (<see cref="ContractRevertReasonException"/>), <c>Panic(uint256)</c>
/// (<see cref="ContractPanicException"/>) or data no decoder knows (<see cref="ContractUnknownRevertException"/>).
/// </summary>
public abstract class ContractRevertException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The Nethereum or RPC exception the revert arrived in, if any.</param>
    protected ContractRevertException(string message, string revertData, Exception? innerException)
        : base(message, innerException)
    {
        RevertData = revertData;
    }

    /// <summary>The raw revert data, 0x-prefixed lower-case hex (<c>0x</c> when the revert carried none).</summary>
    public string RevertData { get; }

    /// <summary>The first four bytes of <see cref="RevertData"/> (0x-prefixed), or <see langword="null"/> when the
    /// data is shorter.</summary>
    public string? Selector => RevertData.Length >= 10 ? RevertData.Substring(0, 10) : null;
}

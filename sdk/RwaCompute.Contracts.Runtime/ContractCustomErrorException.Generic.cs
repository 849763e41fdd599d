using Nethereum.ABI.FunctionEncoding.Attributes;

namespace RwaCompute.Contracts.Runtime;

/// <summary>A contract reverted with the custom error <typeparamref name="TError"/>.</summary>
/// <typeparam name="TError">The generated error DTO.</typeparam>
public abstract class ContractCustomErrorException<TError> : ContractCustomErrorException
    where TError : IErrorDTO
{
    /// <summary>Creates the exception.</summary>
    /// <param name="signature">The error's canonical signature.</param>
    /// <param name="error">The decoded error.</param>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    protected ContractCustomErrorException(string signature, TError error, string revertData, Exception? innerException)
        : base(signature, "The contract reverted with " + signature[..signature.IndexOf('(', StringComparison.Ordinal)] + FormatArguments(error!) + ".", revertData, innerException)
    {
        Error = error;
    }

    /// <summary>The decoded error with its typed arguments.</summary>
    public TError Error { get; }

    /// <inheritdoc/>
    public override IErrorDTO ErrorData => Error;
}

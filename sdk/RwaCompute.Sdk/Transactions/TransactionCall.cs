using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Transactions;

/// <summary>A transaction to send: target, calldata, value, and a short description for logs and errors.</summary>
/// <param name="To">The contract (or account) called.</param>
/// <param name="Data">The calldata as 0x hex.</param>
/// <param name="Value">Wei sent along (0 for the suite's functions, none of which is payable).</param>
/// <param name="Description">What this does, for logs (for example <c>token.issue(lot 12, 5 units)</c>).</param>
public sealed record TransactionCall(string To, string Data, BigInteger Value, string Description)
{
    /// <summary>A fixed gas limit; when <see langword="null"/> the node estimates it (which also simulates the call,
    /// so a revert is caught before anything is sent).</summary>
    public BigInteger? GasLimit { get; init; }

    /// <summary>Decodes this call's reverts; the sender's default decoder when <see langword="null"/>.</summary>
    public ContractErrorDecoder? ErrorDecoder { get; init; }

    /// <summary>Builds a call from a generated function message.</summary>
    /// <typeparam name="TFunction">The generated function message type.</typeparam>
    /// <param name="contractAddress">The contract.</param>
    /// <param name="message">The function and its arguments.</param>
    /// <param name="description">What it does, for logs.</param>
    /// <param name="errorDecoder">Decodes its reverts (the sender's default when <see langword="null"/>).</param>
    /// <returns>The call.</returns>
    public static TransactionCall For<TFunction>(string contractAddress, TFunction message, string description, ContractErrorDecoder? errorDecoder = null)
        where TFunction : FunctionMessage, new()
    {
        ArgumentNullException.ThrowIfNull(message);
        return new TransactionCall(Guard.Address(contractAddress, nameof(contractAddress)), message.GetCallData().ToHex(true), BigInteger.Zero, description) { ErrorDecoder = errorDecoder };
    }
}

using System.Numerics;
using Nethereum.RPC.Eth.DTOs;

namespace RwaCompute.Sdk.Clients;

/// <summary>What a mined transaction cost and where it landed.</summary>
/// <param name="TransactionHash">The hash.</param>
/// <param name="BlockNumber">The block it was mined in.</param>
/// <param name="GasUsed">Gas used.</param>
public record TransactionResult(string TransactionHash, long BlockNumber, BigInteger GasUsed)
{
    /// <summary>Reads the result off a receipt.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <returns>The result.</returns>
    public static TransactionResult From(TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new TransactionResult(receipt.TransactionHash, (long)receipt.BlockNumber.Value, receipt.GasUsed?.Value ?? BigInteger.Zero);
    }

    /// <summary>Reads the result off a receipt, with the value the transaction produced.</summary>
    internal static TransactionResult<T> From<T>(T value, TransactionReceipt receipt)
    {
        var basic = From(receipt);
        return new TransactionResult<T>(value, basic.TransactionHash, basic.BlockNumber, basic.GasUsed);
    }
}

using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Tests.Fakes;

/// <summary>Building blocks for scripted nodes: node errors, DTOs and a signer with a well-known key.</summary>
internal static class Rpc
{
    public const string Endpoint = "http://fake-node:8545/";

    /// <summary>Anvil's first account (public test key).</summary>
    public const string TestPrivateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public static RwaSigner Signer { get; } = RwaSigner.FromPrivateKey(TestPrivateKey);

    public static ChainRpc Over(FakeRpcClient client) => new(client, Endpoint);

    /// <summary>A JSON-RPC error as a node sends it.</summary>
    public static RpcResponseException Error(string message, object? data = null, int code = -32000) =>
        new(new RpcError(code, message, data));

    /// <summary>The error a node returns for a reverted eth_call / eth_estimateGas.</summary>
    public static RpcResponseException Revert(string revertData) => Error("execution reverted", revertData, 3);

    public static HexBigInteger Hex(BigInteger value) => new(value);

    public static BlockWithTransactionHashes Block(long number, string hash, BigInteger? baseFee = null) => new()
    {
        Number = new HexBigInteger(number),
        BlockHash = hash,
        BaseFeePerGas = baseFee is { } fee ? new HexBigInteger(fee) : null,
        Timestamp = new HexBigInteger(1_767_225_600 + number),
    };

    public static TransactionReceipt Receipt(string transactionHash, long block, string blockHash, int status = 1) => new()
    {
        TransactionHash = transactionHash,
        BlockNumber = new HexBigInteger(block),
        BlockHash = blockHash,
        Status = new HexBigInteger(status),
    };

    public static string BlockHash(int seed) => "0x" + seed.ToString("x2", System.Globalization.CultureInfo.InvariantCulture).PadLeft(64, 'b');
}

using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace RwaCompute.Sdk.Orders;

/// <summary>ERC-1271's <c>isValidSignature(bytes32, bytes)</c>, to check a contract wallet's order signature before a
/// fill (the market checks it the same way, through OpenZeppelin's <c>SignatureChecker</c>).</summary>
[Function("isValidSignature", "bytes4")]
internal sealed class Erc1271IsValidSignatureFunction : FunctionMessage
{
    /// <summary>The magic value a wallet returns for a valid signature.</summary>
    public static readonly byte[] MagicValue = [0x16, 0x26, 0xba, 0x7e];

    [Parameter("bytes32", "hash", 1)]
    public byte[] Hash { get; set; } = [];

    [Parameter("bytes", "signature", 2)]
    public byte[] Signature { get; set; } = [];
}

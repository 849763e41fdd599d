using System.Globalization;
using System.Numerics;
using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace RwaCompute.Sdk.Tests.Events;

/// <summary>Handcrafted logs, ABI-encoded word by word as the EVM emits them.</summary>
internal static class Logs
{
    public const string Token = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    public const string Escrow = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    public const string Oracle = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
    public const string Lending = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
    public const string Holder = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    public const string Lender = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    public static IReadOnlyDictionary<string, string> Suite { get; } = new Dictionary<string, string>
    {
        ["ComputeCapacityToken"] = Token,
        ["ComputeEscrow"] = Escrow,
        ["UtilizationOracle"] = Oracle,
        ["ComputeLending"] = Lending,
    };

    public static string Topic(string signature) => Sha3Keccack.Current.CalculateHash(Encoding.ASCII.GetBytes(signature)).ToHex(true);

    public static string Word(BigInteger value) => "0x" + value.ToString("x64", CultureInfo.InvariantCulture)[^64..];

    public static string Word(string address) => "0x" + address[2..].ToLowerInvariant().PadLeft(64, '0');

    public static FilterLog Log(string address, long block, long index, string signature, string[] indexed, params string[] data) => new()
    {
        Address = address.ToLowerInvariant(),
        BlockNumber = new HexBigInteger(block),
        LogIndex = new HexBigInteger(index),
        TransactionHash = "0x" + block.ToString("x", CultureInfo.InvariantCulture).PadLeft(62, '0') + index.ToString("x2", CultureInfo.InvariantCulture),
        Topics = [Topic(signature), .. indexed],
        Data = "0x" + string.Concat(data.Select(d => d[2..])),
    };

    public static FilterLog UnitsIssued(long block, long index, BigInteger lotId, string to, BigInteger units) =>
        Log(Token, block, index, "UnitsIssued(uint256,address,uint256)", [Word(lotId), Word(to)], Word(units));

    public static FilterLog PledgeRequested(long block, long index, BigInteger pledgeId, string holder, BigInteger lotId) =>
        Log(Lending, block, index, "PledgeRequested(uint256,address,uint256,uint256,address,uint256,uint256,uint40)", [Word(pledgeId), Word(holder), Word(lotId)], Word(10), Word(Lender), Word(1_000), Word(50), Word(1_800_000_000));

    public static FilterLog PledgeFunded(long block, long index, BigInteger pledgeId, string lender, BigInteger principal) =>
        Log(Lending, block, index, "PledgeFunded(uint256,address,uint256)", [Word(pledgeId), Word(lender)], Word(principal));

    public static FilterLog DeliveryConfirmed(long block, long index, BigInteger redemptionId, BigInteger lotId, string provider, string confirmedBy, BigInteger units, BigInteger amount, bool byOracle) =>
        Log(Escrow, block, index, "DeliveryConfirmed(uint256,uint256,address,address,uint256,uint256,bool)", [Word(redemptionId), Word(lotId), Word(provider)], Word(confirmedBy), Word(units), Word(amount), Word(byOracle ? 1 : 0));

    public static FilterLog RedemptionRefunded(long block, long index, BigInteger redemptionId, string holder, BigInteger lotId, BigInteger units, BigInteger amount, bool slaBreached) =>
        Log(Escrow, block, index, "RedemptionRefunded(uint256,address,uint256,uint256,uint256,bool)", [Word(redemptionId), Word(holder), Word(lotId)], Word(units), Word(amount), Word(slaBreached ? 1 : 0));

    public static FilterLog BondVaultSet(long block, long index, string vault) =>
        Log(Token, block, index, "BondVaultSet(address)", [Word(vault)]);

    public static FilterLog SettlementPauseRecorded(long block, long index, BigInteger at) =>
        Log(Lending, block, index, "SettlementPauseRecorded(address,uint256)", [Word(Token)], Word(at));

    public static FilterLog LoanToValueReset(long block, long index, BigInteger lotId) =>
        Log(Lending, block, index, "LoanToValueReset(uint256)", [Word(lotId)]);

    public static FilterLog PoolRegistered(long block, long index, byte[] poolId, string provider) =>
        Log(Token, block, index, "PoolRegistered(bytes32,address)", [poolId.ToHex(true), Word(provider)]);
}

using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Orders;
using RwaCompute.Sdk.Tests.Fakes;
using Xunit;

namespace RwaCompute.Sdk.Tests.Orders;

/// <summary>The portable order JSON and the EIP-712 digest, without a chain: round trips, every field checked on parse,
/// edits after signing detected, and the digest bound to the chain and the market.</summary>
public sealed class SignedOrderTests
{
    private const string Market = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707";
    private const string Usdc = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static readonly OrderDomain Domain = new(31_337, Market);

    [Fact]
    public void Ask_RoundTripsThroughJson_AndVerifiesAgainstItsMaker()
    {
        var signed = SignAsk();
        var parsed = SignedOrder.Parse(signed.ToJson());

        Assert.Equal(OrderKind.Ask, parsed.Kind);
        Assert.Equal(signed.Hash, parsed.Hash);
        Assert.Equal(Rpc.Signer.Address, parsed.Maker);
        Assert.Equal(new BigInteger(30), parsed.Units);
        Assert.Equal(new BigInteger(2_600_000), parsed.PricePerUnit);
        Assert.True(parsed.IsSignedByMakerKey());
        Assert.Equal(signed.Signature, parsed.Signature);
    }

    [Fact]
    public void Bid_RoundTripsWithAnyCriteriaAsNull()
    {
        var bid = new Bid
        {
            Buyer = Rpc.Signer.Address,
            GpuModel = Label("H100-SXM5-80G"),
            Region = new byte[16],
            DeliveryFrom = 0,
            DeliveryUntil = 1_767_225_600,
            MinSlaBps = 9_900,
            MaxWhPerGpuHour = 0,
            MinUnitCover = 2_600_000,
            Currency = Usdc,
            PricePerUnit = 2_600_000,
            Units = 200,
            Expiry = 1_765_000_000,
            Salt = 7,
            Counter = 0,
        };
        var signed = SignedOrder.ForBid(Domain, bid, Rpc.Signer.SignDigest(OrderDigest.Compute(Domain, bid)));
        var json = JsonNode.Parse(signed.ToJson())!;

        Assert.Equal("H100-SXM5-80G", json["order"]!["gpuModel"]!.GetValue<string>());
        Assert.Null(json["order"]!["region"]);
        var parsed = SignedOrder.Parse(signed.ToJson());
        Assert.Equal(signed.Hash, parsed.Hash);
        Assert.True(parsed.IsSignedByMakerKey());
    }

    [Theory]
    [InlineData("pricePerUnit", "1")]
    [InlineData("units", "31")]
    [InlineData("lotId", "0x0000000000000000000000000000000000000000000000000000000000000008")]
    [InlineData("seller", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    public void AFieldChangedAfterSigning_IsCaughtByTheHash_OrWithANewHashByTheSignature(string field, string value)
    {
        var json = JsonNode.Parse(SignAsk().ToJson())!;
        json["order"]![field] = value;

        Assert.Contains("hash", Assert.Throws<OrderFormatException>(() => SignedOrder.Parse(json.ToJsonString())).Message, StringComparison.Ordinal);
        json.AsObject().Remove("hash");
        Assert.Contains("no field 'hash'", Assert.Throws<OrderFormatException>(() => SignedOrder.Parse(json.ToJsonString())).Message, StringComparison.Ordinal);

        // An editor who also rewrites the hash gets a well-formed order whose signature is no longer the maker's.
        var original = SignAsk();
        var edited = original.Ask!;
        switch (field)
        {
            case "pricePerUnit": edited.PricePerUnit = 1; break;
            case "units": edited.Units = 31; break;
            case "lotId": edited.LotId = 8; break;
            default: edited.Seller = value; break;
        }

        var rehashed = SignedOrder.Parse(SignedOrder.ForAsk(Domain, edited, original.Signature).ToJson());
        Assert.False(rehashed.IsSignedByMakerKey());
    }

    [Theory]
    [InlineData("{\"type\": \"rwacompute.order/v1\", \"type\": \"x\"}", "twice")]
    [InlineData("{\"extra\": 1}", "unknown field 'extra'")]
    public void DuplicateOrUnknownKeys_AreRefused(string fragment, string expected)
    {
        var json = SignAsk().ToJson();
        var edited = "{" + fragment[1..^1] + ", " + json.TrimStart()[1..];
        Assert.Contains(expected, Assert.Throws<OrderFormatException>(() => SignedOrder.Parse(edited)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommentsAndTrailingCommas_AreNotJson()
    {
        var json = SignAsk().ToJson();
        Assert.Throws<OrderFormatException>(() => SignedOrder.Parse("// note\n" + json));
        Assert.Throws<OrderFormatException>(() => SignedOrder.Parse(json.TrimEnd()[..^1] + ",}"));
    }

    [Fact]
    public void AHighSTwinOfTheSignature_IsNotTheMakers_AsOnChain()
    {
        var signed = SignAsk();
        var order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        var s = new BigInteger(signed.Signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var twin = (byte[])signed.Signature.Clone();
        (order - s).ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(twin.AsSpan(32 + 32 - (order - s).GetByteCount(isUnsigned: true)));
        twin[64] = (byte)(twin[64] == 27 ? 28 : 27);

        Assert.True(signed.IsSignedByMakerKey());
        Assert.Null(SignedOrder.ForAsk(Domain, signed.Ask!, twin).RecoverSigner());
    }

    [Fact]
    public void AnExpiryBeyondTheYear9999_IsClampedNotACrash()
    {
        var ask = SignAsk().Ask!;
        ask.Expiry = (1UL << 40) - 1;
        var signed = SignedOrder.ForAsk(Domain, ask, Rpc.Signer.SignDigest(OrderDigest.Compute(Domain, ask)));

        Assert.Equal(DateTimeOffset.MaxValue, SignedOrder.Parse(signed.ToJson()).Expiry);
    }

    [Fact]
    public void TheDigest_IsBoundToTheChainAndTheMarket()
    {
        var ask = SignAsk().Ask!;
        var here = OrderDigest.Compute(Domain, ask);

        Assert.NotEqual(here, OrderDigest.Compute(Domain with { ChainId = 1 }, ask));
        Assert.NotEqual(here, OrderDigest.Compute(Domain with { Market = Usdc }, ask));
        Assert.Equal(Ask.Eip712TypeHash, Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes("Ask(address seller,uint256 lotId,uint64 units,uint96 pricePerUnit,address currency,uint40 expiry,uint256 salt,uint256 counter)")));
    }

    [Theory]
    [InlineData("type", "\"rwacompute.order/v2\"", "type")]
    [InlineData("kind", "\"swap\"", "kind")]
    [InlineData("market", "\"0x1234\"", "market")]
    [InlineData("signature", "\"nothex\"", "signature")]
    public void MalformedEnvelope_NamesTheField(string field, string json, string expected)
    {
        var node = JsonNode.Parse(SignAsk().ToJson())!;
        node[field] = JsonNode.Parse(json);

        Assert.Contains(expected, Assert.Throws<OrderFormatException>(() => SignedOrder.Parse(node.ToJsonString())).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("units", "18446744073709551616")] // 2^64: does not fit uint64
    [InlineData("pricePerUnit", "-5")]
    [InlineData("expiry", "1e9")]
    [InlineData("counter", "")]
    public void OutOfRangeNumbers_AreRefusedNamingTheField(string field, string value)
    {
        var node = JsonNode.Parse(SignAsk().ToJson())!;
        node["order"]![field] = value;

        Assert.Contains(field, Assert.Throws<OrderFormatException>(() => SignedOrder.Parse(node.ToJsonString())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotJsonOrAMissingField_IsAnOrderFormatException()
    {
        Assert.Throws<OrderFormatException>(() => SignedOrder.Parse("{ nope"));
        var node = JsonNode.Parse(SignAsk().ToJson())!;
        node["order"]!.AsObject().Remove("salt");
        Assert.Contains("salt", Assert.Throws<OrderFormatException>(() => SignedOrder.Parse(node.ToJsonString())).Message, StringComparison.Ordinal);
    }

    private static SignedOrder SignAsk()
    {
        var ask = new Ask
        {
            Seller = Rpc.Signer.Address,
            LotId = 7,
            Units = 30,
            PricePerUnit = 2_600_000,
            Currency = Usdc,
            Expiry = 1_765_000_000,
            Salt = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture),
            Counter = 0,
        };
        return SignedOrder.ForAsk(Domain, ask, Rpc.Signer.SignDigest(OrderDigest.Compute(Domain, ask)));
    }

    private static byte[] Label(string text)
    {
        var bytes = new byte[16];
        System.Text.Encoding.ASCII.GetBytes(text).CopyTo(bytes, 0);
        return bytes;
    }
}

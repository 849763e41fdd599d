using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Events;
using Xunit;

namespace RwaCompute.Sdk.Tests.Events;

public sealed class EventDecoderTests
{
    private static readonly EventDecoder Decoder = new(Logs.Suite);

    [Fact]
    public void Decode_HandcraftedTokenLog_GivesTheTypedEventAndWhereItCameFrom()
    {
        var lotId = BigInteger.Parse("186392646312961523904071078197143247032971405607884914075773934547845248275", System.Globalization.CultureInfo.InvariantCulture);
        var decoded = Decoder.Decode(Logs.UnitsIssued(12, 3, lotId, Logs.Holder, 250));

        Assert.NotNull(decoded);
        Assert.Equal("ComputeCapacityToken", decoded.Contract);
        Assert.Equal("UnitsIssued", decoded.Name);
        Assert.Equal(12, decoded.BlockNumber);
        Assert.Equal(3, decoded.LogIndex);
        Assert.Equal(Logs.Token.ToLowerInvariant(), decoded.Address.ToLowerInvariant());
        var dto = decoded.As<UnitsIssuedEventDTO>();
        Assert.NotNull(dto);
        Assert.Equal(lotId, dto.LotId);
        Assert.Equal(Logs.Holder.ToLowerInvariant(), dto.To.ToLowerInvariant());
        Assert.Equal(new BigInteger(250), dto.Units);
        Assert.Null(decoded.As<PledgeFundedEventDTO>());
    }

    [Fact]
    public void Decode_HandcraftedEscrowLogWithManyFields_DecodesEveryField()
    {
        var dto = Decoder.Decode(Logs.PledgeRequested(5, 0, 3, Logs.Holder, 77))?.As<PledgeRequestedEventDTO>();
        Assert.NotNull(dto);
        Assert.Equal(new BigInteger(3), dto.PledgeId);
        Assert.Equal(new BigInteger(77), dto.LotId);
        Assert.Equal(new BigInteger(10), dto.Units);
        Assert.Equal(Logs.Lender.ToLowerInvariant(), dto.Lender.ToLowerInvariant());
        Assert.Equal(new BigInteger(1_000), dto.Principal);
        Assert.Equal(new BigInteger(50), dto.Fee);
        Assert.Equal(1_800_000_000UL, dto.Maturity);
    }

    [Fact]
    public void Decode_KnownEventFromAnotherAddress_IsNull()
    {
        var log = Logs.UnitsIssued(1, 0, 1, Logs.Holder, 1);
        log.Address = "0x0000000000000000000000000000000000000bad";
        Assert.Null(Decoder.Decode(log));
    }

    [Fact]
    public void Decode_EscrowEventAtTheTokensAddress_IsNull()
    {
        var log = Logs.PledgeFunded(1, 0, 1, Logs.Lender, 1);
        log.Address = Logs.Token;
        Assert.Null(Decoder.Decode(log));
    }

    [Fact]
    public void Decode_UnknownTopicOrNoTopics_IsNull()
    {
        Assert.Null(Decoder.Decode(Logs.Log(Logs.Token, 1, 0, "Mystery(uint256)", [], Logs.Word(1))));
        var anonymous = Logs.UnitsIssued(1, 0, 1, Logs.Holder, 1);
        anonymous.Topics = [];
        Assert.Null(Decoder.Decode(anonymous));
    }

    [Fact]
    public void Decode_AddressAndTopicInAnyCase_AreMatched()
    {
        var log = Logs.UnitsIssued(1, 0, 1, Logs.Holder, 1);
        log.Address = Logs.Token.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal);
        log.Topics[0] = log.Topics[0].ToString()!.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal);
        Assert.NotNull(Decoder.Decode(log));
    }

    [Fact]
    public void Decode_EventSharedByContracts_IsAttributedToTheEmitter()
    {
        // RoleGranted(bytes32,address,address) is in the token's and the escrow's ABI.
        string[] indexed = [Logs.Word(0), Logs.Word(Logs.Holder), Logs.Word(Logs.Lender)];
        var atToken = Decoder.Decode(Logs.Log(Logs.Token, 1, 0, "RoleGranted(bytes32,address,address)", indexed));
        var atEscrow = Decoder.Decode(Logs.Log(Logs.Escrow, 1, 1, "RoleGranted(bytes32,address,address)", indexed));
        Assert.Equal("ComputeCapacityToken", atToken?.Contract);
        Assert.Equal("ComputeEscrow", atEscrow?.Contract);
        Assert.IsType<RwaCompute.Sdk.Contracts.ComputeEscrow.RoleGrantedEventDTO>(atEscrow?.Event);
    }
}

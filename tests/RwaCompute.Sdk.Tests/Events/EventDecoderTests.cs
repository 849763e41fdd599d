using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
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
    public void Decode_DeliveryConfirmed_CarriesTheLotProviderUnitsAndAmount()
    {
        var decoded = Decoder.Decode(Logs.DeliveryConfirmed(20, 1, 4, 77, Logs.Holder, Logs.Lender, 50, 150_000_000, byOracle: true));
        Assert.Equal("ComputeEscrow", decoded?.Contract);
        Assert.Equal("DeliveryConfirmed", decoded?.Name);
        var dto = decoded?.As<DeliveryConfirmedEventDTO>();
        Assert.NotNull(dto);
        Assert.Equal(new BigInteger(4), dto.RedemptionId);
        Assert.Equal(new BigInteger(77), dto.LotId);
        Assert.Equal(Logs.Holder, dto.Provider, ignoreCase: true);
        Assert.Equal(Logs.Lender, dto.ConfirmedBy, ignoreCase: true);
        Assert.Equal(new BigInteger(50), dto.Units);
        Assert.Equal(new BigInteger(150_000_000), dto.Amount);
        Assert.True(dto.ByOracle);
    }

    [Fact]
    public void Decode_RedemptionRefunded_CarriesTheLotUnitsAndAmount()
    {
        var dto = Decoder.Decode(Logs.RedemptionRefunded(21, 0, 5, Logs.Holder, 77, 30, 90_000_000, slaBreached: true))?.As<RedemptionRefundedEventDTO>();
        Assert.NotNull(dto);
        Assert.Equal(new BigInteger(5), dto.RedemptionId);
        Assert.Equal(Logs.Holder, dto.Holder, ignoreCase: true);
        Assert.Equal(new BigInteger(77), dto.LotId);
        Assert.Equal(new BigInteger(30), dto.Units);
        Assert.Equal(new BigInteger(90_000_000), dto.Amount);
        Assert.True(dto.SlaBreached);
    }

    [Fact]
    public void Decode_TheOldDeliveryAndRefundShapes_AreNotSuiteEventsAnyMore()
    {
        Assert.Null(Decoder.Decode(Logs.Log(Logs.Escrow, 1, 0, "DeliveryConfirmed(uint256,address,bool)", [Logs.Word(1), Logs.Word(Logs.Holder)], Logs.Word(0))));
        Assert.Null(Decoder.Decode(Logs.Log(Logs.Escrow, 1, 1, "RedemptionRefunded(uint256,address,uint256,bool)", [Logs.Word(1), Logs.Word(Logs.Holder)], Logs.Word(5), Logs.Word(1))));
    }

    [Fact]
    public void Decode_NewAdminEvents_BondVaultSetSettlementPauseAndLoanToValueReset()
    {
        var vault = Decoder.Decode(Logs.BondVaultSet(2, 0, Logs.Escrow));
        Assert.Equal("ComputeCapacityToken", vault?.Contract);
        Assert.Equal(Logs.Escrow, vault?.As<BondVaultSetEventDTO>()?.Vault, ignoreCase: true);
        Assert.Equal(new BigInteger(1_800_000_000), Decoder.Decode(Logs.SettlementPauseRecorded(3, 0, 1_800_000_000))?.As<SettlementPauseRecordedEventDTO>()?.At);
        Assert.Equal(new BigInteger(77), Decoder.Decode(Logs.LoanToValueReset(4, 0, 77))?.As<LoanToValueResetEventDTO>()?.LotId);
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

using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Events;
using Xunit;

namespace RwaCompute.Sdk.Tests.Events;

public sealed class EventFieldsTests
{
    [Fact]
    public void MentionsLot_TransferBatchListingTheLot_IsTrue()
    {
        var related = new EventFields.RelatedRecords();
        var batch = new TransferBatchEventDTO { Ids = [1, 5, 9], Values = [1, 1, 1] };
        Assert.True(EventFields.MentionsLot(batch, 5, related));
        Assert.False(EventFields.MentionsLot(batch, 6, related));
    }

    [Fact]
    public void MentionsLot_FollowUpOfARecordCreatedForTheLot_IsTrue()
    {
        var related = new EventFields.RelatedRecords();
        Assert.True(EventFields.MentionsLot(new PledgeRequestedEventDTO { PledgeId = 3, LotId = 77 }, 77, related));
        Assert.False(EventFields.MentionsLot(new PledgeRequestedEventDTO { PledgeId = 4, LotId = 78 }, 77, related));
        Assert.True(EventFields.MentionsLot(new PledgeFundedEventDTO { PledgeId = 3 }, 77, related));
        Assert.False(EventFields.MentionsLot(new PledgeFundedEventDTO { PledgeId = 4 }, 77, related));
    }

    [Fact]
    public void MentionsLot_DeliveryAndRefund_NameTheLotDirectly()
    {
        // Without having seen the redemption open: the events carry the lot id themselves now.
        var related = new EventFields.RelatedRecords();
        Assert.True(EventFields.MentionsLot(new DeliveryConfirmedEventDTO { RedemptionId = 9, LotId = 77 }, 77, related));
        Assert.True(EventFields.MentionsLot(new RedemptionRefundedEventDTO { RedemptionId = 10, LotId = 77 }, 77, related));
        Assert.False(EventFields.MentionsLot(new RedemptionRefundedEventDTO { RedemptionId = 11, LotId = 78 }, 77, related));
    }

    [Fact]
    public void MentionsAccount_DeliveryConfirmed_NamesTheProvider() =>
        Assert.True(EventFields.MentionsAccount(new DeliveryConfirmedEventDTO { Provider = Logs.Holder.ToLowerInvariant(), ConfirmedBy = Logs.Lender }, Logs.Holder));

    [Fact]
    public void MentionsAccount_AnyAddressFieldInAnyCase_IsTrue()
    {
        var funded = new PledgeFundedEventDTO { PledgeId = 1, Lender = Logs.Lender.ToLowerInvariant() };
        Assert.True(EventFields.MentionsAccount(funded, Logs.Lender));
        Assert.False(EventFields.MentionsAccount(funded, Logs.Holder));
    }

    [Fact]
    public void MentionsPool_DirectlyOrInsideALotSpec_IsTrue()
    {
        var pool = Enumerable.Repeat((byte)0x11, 32).ToArray();
        var other = Enumerable.Repeat((byte)0x12, 32).ToArray();
        Assert.True(EventFields.MentionsPool(new PoolRegisteredEventDTO { PoolId = pool }, pool));
        Assert.False(EventFields.MentionsPool(new PoolRegisteredEventDTO { PoolId = other }, pool));
        Assert.True(EventFields.MentionsPool(new LotCreatedEventDTO { PoolId = new byte[32], Spec = new LotSpec { PoolId = pool } }, pool));
        Assert.False(EventFields.MentionsPool(new UnitsIssuedEventDTO { LotId = BigInteger.One }, pool));
    }
}

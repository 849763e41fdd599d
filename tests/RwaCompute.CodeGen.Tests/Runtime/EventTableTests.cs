using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.CodeGen.Tests.Golden.CodegenFixture;
using RwaCompute.Contracts.Runtime;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Runtime;

/// <summary>The generated event table (topic 0 → descriptor) and the runtime's <see cref="EventTable"/>.</summary>
public sealed class EventTableTests
{
    private static readonly EventTable Table = CodegenFixtureEventTable.Events;

    [Fact]
    public void Table_EveryEntry_AgreesWithNethereumsReadingOfItsDto()
    {
        Assert.NotEmpty(Table);
        foreach (var descriptor in Table)
        {
            var abi = ABITypedRegistry.GetEvent(descriptor.EventType);

            Assert.Equal(abi.Name, descriptor.Name);
            Assert.Equal("0x" + abi.Sha3Signature.Replace("0x", string.Empty, StringComparison.Ordinal), descriptor.Topic0, ignoreCase: true);
        }
    }

    [Fact]
    public void Table_AnonymousEvent_IsNotListed()
    {
        Assert.DoesNotContain(Table, d => d.EventType == typeof(RawEventDTO));
        Assert.Equal(6, Table.Count);
    }

    [Fact]
    public void Table_OverloadedEvents_HaveOneEntryEach()
    {
        var pings = Table.Where(d => d.Name == "Ping").Select(d => d.Signature).ToList();

        Assert.Equal(["Ping(uint256)", "Ping(uint256,address)"], pings);
    }

    [Theory]
    [InlineData("0x48257dc961b6f792c2b78a080dacfed693b660960a702de21cee364e20270e2f")]
    [InlineData("48257dc961b6f792c2b78a080dacfed693b660960a702de21cee364e20270e2f")]
    [InlineData("0X48257DC961B6F792C2B78A080DACFED693B660960A702DE21CEE364E20270E2F")]
    public void TryFind_AnyCaseWithOrWithout0x_FindsTheEvent(string topic)
    {
        Assert.True(Table.TryFind(topic, out var descriptor));
        Assert.Equal(typeof(PingEventDTO), descriptor.EventType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x00")]
    public void TryFind_UnknownTopic_ReturnsFalse(string? topic) =>
        Assert.False(Table.TryFind(topic, out _));

    [Fact]
    public void TryFind_LogWithoutTopics_ReturnsFalse() =>
        Assert.False(Table.TryFind(new FilterLog { Topics = [] }, out _));

    [Fact]
    public void Create_TwoEventsWithOneTopic_Refused()
    {
        var topic = Table[0].Topic0;

        var error = Assert.Throws<ArgumentException>(() => new EventTable(
        [
            new EventDescriptor<PingEventDTO>("Ping", "Ping(uint256)", topic),
            new EventDescriptor<ClashEventDTO>("Clash", "Clash(uint256)", topic),
        ]));

        Assert.Contains("share topic 0", error.Message, StringComparison.Ordinal);
    }
}

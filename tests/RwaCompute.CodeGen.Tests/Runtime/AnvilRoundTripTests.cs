using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using RwaCompute.CodeGen.Tests.Golden.CodegenFixture;
using RwaCompute.CodeGen.Tests.Infrastructure;
using RwaCompute.Contracts.Runtime;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Runtime;

/// <summary>
/// The generated bindings against the real fixture contract on anvil: typed deployment, typed queries and
/// transactions, struct and nested-array decoding, events, and every kind of revert as its typed exception.
/// </summary>
[Collection(AnvilTestGroup.Name)]
public sealed class AnvilRoundTripTests(AnvilFixture anvil) : IDisposable
{
    private const string Owner = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Timeout => timeout.Token;

    public void Dispose() => timeout.Dispose();

    [Fact]
    public async Task Deploy_TypedConstructorArgumentsAndValue_AreStored()
    {
        var service = await DeployAsync();

        var info = await service.InfoQueryAsync(cancellationToken: Timeout);

        Assert.Equal("fixture", info.Name);
        Assert.Equal(Owner, info.Owner, ignoreCase: true);
        Assert.Equal(1_000 + 250, info.Total);
    }

    [Fact]
    public async Task Query_CustomErrorWithArguments_ThrowsTypedExceptionWithArguments()
    {
        var service = await DeployAsync();

        var exception = await Assert.ThrowsAsync<FixtureFailedException>(
            () => service.FailQueryAsync(FailureKind.CustomWithArgs, 42, cancellationToken: Timeout));

        Assert.Equal(42, exception.Error.Code);
        Assert.Equal(AnvilFixture.Address, exception.Error.Who, ignoreCase: true);
        Assert.Equal("custom", exception.Error.Reason);
        Assert.NotNull(exception.InnerException);
    }

    [Fact]
    public async Task Query_CustomErrorWithoutArguments_ThrowsTypedException()
    {
        var service = await DeployAsync();

        await Assert.ThrowsAsync<FixtureNoArgsException>(
            () => service.FailQueryAsync(FailureKind.CustomWithoutArgs, 0, cancellationToken: Timeout));
    }

    [Fact]
    public async Task Query_RequireString_ThrowsReasonException()
    {
        var service = await DeployAsync();

        var exception = await Assert.ThrowsAsync<ContractRevertReasonException>(
            () => service.FailQueryAsync(FailureKind.RequireString, 0, cancellationToken: Timeout));

        Assert.Equal("CodegenFixture: require failed", exception.Reason);
    }

    [Fact]
    public async Task Query_Panic_ThrowsPanicExceptionWithMeaning()
    {
        var service = await DeployAsync();

        var exception = await Assert.ThrowsAsync<ContractPanicException>(
            () => service.FailQueryAsync(FailureKind.Panic, 3, cancellationToken: Timeout));

        Assert.Equal(0x32, (int)exception.Code);
        Assert.Equal("array index out of bounds", exception.Meaning);
    }

    [Fact]
    public async Task Query_ArithmeticOverflow_ThrowsPanicException()
    {
        var service = await DeployAsync();

        var exception = await Assert.ThrowsAsync<ContractPanicException>(() => service.NegateQueryAsync(sbyte.MinValue, cancellationToken: Timeout));

        Assert.Equal(0x11, (int)exception.Code);
    }

    [Fact]
    public async Task Query_EmptyRevert_ThrowsUnknownRevertWithEmptyData()
    {
        var service = await DeployAsync();

        var exception = await Assert.ThrowsAsync<ContractUnknownRevertException>(
            () => service.FailQueryAsync(FailureKind.Empty, 0, cancellationToken: Timeout));

        Assert.Equal("0x", exception.RevertData);
    }

    [Fact]
    public async Task Query_StructCarryingErrorAndClashingName_TypedExceptions()
    {
        var service = await DeployAsync();

        var inner = await Assert.ThrowsAsync<FixtureBadInnerException>(() => service.FailInnerQueryAsync(5, cancellationToken: Timeout));
        var clash = await Assert.ThrowsAsync<ClashException>(() => service.FailClashQueryAsync(11, cancellationToken: Timeout));

        Assert.Equal(5UL, inner.Error.Inner.Amount);
        Assert.Equal((sbyte)-3, inner.Error.Inner.Delta);
        Assert.Equal(5, inner.Error.Arg2);
        Assert.Equal(11, clash.Error.Value);
    }

    [Fact]
    public async Task Send_RevertingTransaction_ThrowsTypedExceptionCatchableAsBaseTypes()
    {
        var service = await DeployAsync();

        var exception = await Assert.ThrowsAnyAsync<ContractCustomErrorException>(
            () => service.FailAndWriteRequestAndWaitForReceiptAsync(FailureKind.CustomWithArgs, 7, Timeout));

        var failed = Assert.IsType<FixtureFailedException>(exception);
        Assert.Equal(7, failed.Error.Code);
        Assert.Equal(service.ContractAddress, failed.Error.Who, ignoreCase: true);
        Assert.IsAssignableFrom<ContractRevertException>(exception);
    }

    [Fact]
    public async Task Eip712_HashStruct_MatchesTheContractsHandWrittenEncoding()
    {
        var service = await DeployAsync();
        var outer = SampleOuter();
        outer.Labels.Add(string.Empty);

        var onChainInner = await service.HashInnerQueryAsync(outer.Inner, cancellationToken: Timeout);
        var onChainOuter = await service.HashOuterQueryAsync(outer, cancellationToken: Timeout);

        Assert.Equal(onChainInner, outer.Inner.Eip712HashStruct());
        Assert.Equal(onChainOuter, outer.Eip712HashStruct());
        var empty = new Outer { Pair = [new Inner(), new Inner()] };
        Assert.Equal(await service.HashOuterQueryAsync(empty, cancellationToken: Timeout), empty.Eip712HashStruct());
    }

    [Fact]
    public async Task SendAndQuery_NestedStruct_RoundTripsThroughTheContract()
    {
        var service = await DeployAsync();
        var outer = SampleOuter();

        var receipt = await service.SetOuterRequestAndWaitForReceiptAsync(outer, Timeout);
        var stored = await service.OuterQueryAsync(cancellationToken: Timeout);

        Assert.Equal(1, (int)receipt.Status.Value);
        Assert.Equal(ulong.MaxValue, stored.Inner.Amount);
        Assert.Equal(sbyte.MinValue, stored.Inner.Delta);
        Assert.Equal(Word(1), stored.Inner.Tag);
        Assert.Equal([2UL, 3UL], stored.Items.Select(i => i.Amount));
        Assert.Equal([(sbyte)4, (sbyte)-5], stored.Pair.Select(i => i.Delta));
        Assert.Equal(BigInteger.Pow(2, 256) - 1, stored.Grid[1][0]);
        Assert.Equal(["α", "β γ"], stored.Labels);
        Assert.Equal([1, 2, 3], stored.Blob);
    }

    [Fact]
    public async Task Query_ArraysTuplesAndMultipleReturns_DecodeTyped()
    {
        var service = await DeployAsync();

        var transposed = await service.TransposeQueryAsync([[1, 2], [3, 4]], cancellationToken: Timeout);
        var inners = await service.InnersQueryAsync(3, cancellationToken: Timeout);
        var described = await service.DescribeQueryAsync([Word(1)], [9, 9], ["first", "second"], cancellationToken: Timeout);
        var unnamed = await service.UnnamedQueryAsync(1, true, cancellationToken: Timeout);
        var sum = await service.SumInnersQueryAsync(
            [new Inner { Amount = 10, Tag = Word(0) }],
            [new Inner { Amount = 20, Tag = Word(0) }, new Inner { Amount = 30, Tag = Word(0) }],
            cancellationToken: Timeout);

        Assert.Equal([[2, 1], [4, 3]], transposed.Select(r => r.ToArray()));
        Assert.Equal([0UL, 1UL, 2UL], inners.Select(i => i.Amount));
        Assert.All(inners, i => Assert.Equal((sbyte)-1, i.Delta));
        Assert.Equal((BigInteger)1, described.TagCount);
        Assert.Equal((BigInteger)2, described.BlobLength);
        Assert.Equal("first", described.First);
        Assert.Equal((BigInteger)7, unnamed.ReturnValue1);
        Assert.False(unnamed.ReturnValue2);
        Assert.Equal((BigInteger)60, sum);
        Assert.Equal((sbyte)-5, await service.NegateQueryAsync(5, cancellationToken: Timeout));
        Assert.Equal(Word(6), await service.LookupUint256QueryAsync(6, cancellationToken: Timeout));
        Assert.Equal((BigInteger)6, await service.LookupBytes32QueryAsync(Word(6), cancellationToken: Timeout));
        Assert.Equal((BigInteger)2, await service.FooBarQueryAsync(cancellationToken: Timeout)); // fooBar()
        Assert.Equal((BigInteger)1, await service.FooBar2QueryAsync(cancellationToken: Timeout)); // foo_bar()
    }

    [Fact]
    public async Task Send_PayableOverloadAndKeywordNames_Work()
    {
        var service = await DeployAsync();

        await service.DepositRequestAndWaitForReceiptAsync(5, amountToSend: 10, cancellationToken: Timeout);
        await service.DepositUint256AddressRequestAndWaitForReceiptAsync(100, Owner, Timeout);
        var keywords = await service.KeywordsSimulateAsync(@params: 3, @object: true, @base: Owner, @namespace: "ns", cancellationToken: Timeout);

        var info = await service.InfoQueryAsync(cancellationToken: Timeout);
        Assert.Equal(1_250 + 5 + 100, info.Total); // deposit counts the amount argument, not msg.value
        Assert.Equal((BigInteger)3, keywords.Params);
        Assert.True(keywords.Object);
        Assert.Equal("ns", keywords.Namespace);
    }

    [Fact]
    public async Task Events_DecodeFromReceiptAndQueryWithIndexedFilters()
    {
        var service = await DeployAsync();

        var receipt = await service.EmitAllRequestAndWaitForReceiptAsync("label", [0xbe, 0xef], [1, 2], Timeout);
        await service.DepositUint256AddressRequestAndWaitForReceiptAsync(1, Owner, Timeout);
        await service.DepositUint256AddressRequestAndWaitForReceiptAsync(2, AnvilFixture.Address, Timeout);

        var labelled = Assert.Single(service.DecodeLabelledEvents(receipt)).Event;
        Assert.Equal(Sha3Keccack.Current.CalculateHash("label").EnsureHexPrefix(), labelled.Label);
        Assert.Equal(Sha3Keccack.Current.CalculateHash(new byte[] { 0xbe, 0xef }).ToHex(true), labelled.Blob);
        Assert.Equal((sbyte)-2, labelled.Inner.Delta);
        Assert.Equal((BigInteger)1, Assert.Single(service.DecodePingEvents(receipt)).Event.Seq);
        Assert.Equal(AnvilFixture.Address, Assert.Single(service.DecodePingUint256AddressEvents(receipt)).Event.From, ignoreCase: true);
        Assert.Equal((BigInteger)3, Assert.Single(service.DecodeClashEvents(receipt)).Event.Value);

        var toOwner = await service.GetDepositedEventsAsync(to: Owner, cancellationToken: Timeout);
        var all = await service.GetDepositedEventsAsync(cancellationToken: Timeout);
        var pings = await service.GetPingUint256AddressEventsAsync(from: AnvilFixture.Address, cancellationToken: Timeout);
        Assert.Equal((BigInteger)1, Assert.Single(toOwner).Event.Amount);
        Assert.Equal((BigInteger)1, toOwner[0].Event.Arg4);
        Assert.Equal(2, all.Count);
        Assert.Single(pings);
    }

    [Fact]
    public async Task EventTable_ReceiptLogs_EachNonAnonymousLogDecodesIntoItsDto()
    {
        var service = await DeployAsync();

        var receipt = await service.EmitAllRequestAndWaitForReceiptAsync("label", [0xbe, 0xef], [1, 2], Timeout);
        var logs = receipt.Logs;

        var decoded = logs
            .Select(log => CodegenFixtureEventTable.Events.TryFind(log, out var e) ? e.Decode(log) : null)
            .ToList();

        // Labelled, Raw (anonymous: no topic 0, so not in the table), Ping, Ping(uint256,address), Clash.
        Assert.Equal(5, decoded.Count);
        Assert.Null(decoded[1]);
        var labelled = Assert.IsType<LabelledEventDTO>(decoded[0]);
        Assert.Equal((sbyte)-2, labelled.Inner.Delta);
        Assert.Equal((BigInteger)1, Assert.IsType<PingEventDTO>(decoded[2]).Seq);
        Assert.Equal(AnvilFixture.Address, Assert.IsType<PingUint256AddressEventDTO>(decoded[3]).From, ignoreCase: true);
        Assert.Equal((BigInteger)3, Assert.IsType<ClashEventDTO>(decoded[4]).Value);
    }

    [Fact]
    public async Task Query_CancelledToken_ThrowsWithoutCalling()
    {
        var service = await DeployAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.InfoQueryAsync(cancellationToken: cancelled.Token));
    }

    private async Task<CodegenFixtureService> DeployAsync() =>
        await CodegenFixtureService.DeployContractAndGetServiceAsync(anvil.CreateWeb3(), "fixture", Owner, 250, amountToSend: 1_000, cancellationToken: Timeout);

    /// <summary>A nested struct exercising every shape: extreme integers, struct arrays, a fixed array, an array of
    /// arrays, non-ASCII strings and bytes.</summary>
    private static Outer SampleOuter() => new()
    {
        Inner = new Inner { Amount = ulong.MaxValue, Tag = Word(1), Delta = sbyte.MinValue },
        Items = [new Inner { Amount = 2, Tag = Word(2), Delta = 2 }, new Inner { Amount = 3, Tag = Word(3), Delta = -3 }],
        Pair = [new Inner { Amount = 4, Tag = Word(4), Delta = 4 }, new Inner { Amount = 5, Tag = Word(5), Delta = -5 }],
        Grid = [[1, 2], [BigInteger.Pow(2, 256) - 1, 0]],
        Labels = ["α", "β γ"],
        Blob = [1, 2, 3],
    };

    private static byte[] Word(int value)
    {
        var word = new byte[32];
        word[31] = (byte)value;
        return word;
    }
}

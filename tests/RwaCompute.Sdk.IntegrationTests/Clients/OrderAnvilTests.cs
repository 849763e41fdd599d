using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.Orders;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>EIP-712 signed orders on anvil: an ask signed, passed as JSON and filled in parts; a criteria bid filled
/// with a matching lot and refused for a lot that misses a criterion; tampering, cancellation and another domain
/// refused before sending, and the contract's own typed reverts behind the preflight.</summary>
public sealed class OrderAnvilTests : IClassFixture<AnvilSuiteFixture>
{
    private const long Usdc = 1_000_000;
    private readonly AnvilSuiteFixture fixture;

    public OrderAnvilTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    private SuiteChain Chain => fixture.Chain;

    [Fact]
    public async Task Ask_SignedAsJson_FilledInParts_UntilItsUnitsAreSold()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await market.Admin.GetChainTimeAsync();
        var signed = await market.Provider.Market.SignAskAsync(new AskTerms { LotId = market.LotId, Units = 30, PricePerUnit = 2_600_000, Expiry = now.AddDays(2) });

        // Portable: what the buyer receives is the JSON, and it parses back to the same order.
        var received = SignedOrder.Parse(signed.ToJson());
        Assert.Equal(signed.Hash, received.Hash);
        Assert.Equal(SuiteChain.Accounts.Provider.Address, received.Maker);
        Assert.True(received.IsSignedByMakerKey());
        var onChainHash = await market.Bob.Market.Service.HashAskQueryAsync(received.Ask!);
        Assert.Equal(received.Hash, Nethereum.Hex.HexConvertors.Extensions.HexByteConvertorExtensions.ToHex(onChainHash, true));

        var bobBefore = await market.Bob.Token.BalanceOfAsync(SuiteChain.Accounts.Bob.Address, market.LotId);
        var claimableBefore = await market.Provider.Escrow.ClaimableAsync(SuiteChain.Accounts.Provider.Address);
        var first = await market.Bob.Market.FillAskAsync(received, 20);
        var second = await market.Bob.Market.FillAskAsync(received, 10);

        Assert.Equal(20 * 2_600_000, first.Value.Cost);
        Assert.Equal(received.Hash, second.Value.OrderHash);
        Assert.Equal(bobBefore + 30, await market.Bob.Token.BalanceOfAsync(SuiteChain.Accounts.Bob.Address, market.LotId));
        Assert.Equal(claimableBefore + (30 * 2_600_000), await market.Provider.Escrow.ClaimableAsync(SuiteChain.Accounts.Provider.Address));
        var state = await market.Bob.Market.GetOrderStateAsync(received);
        Assert.Equal(30, state.Filled);
        Assert.False(state.IsFillable);
        Assert.Equal(2_600_000, (await market.Bob.Market.GetPriceAsync("A100-80G", "us-east")).LastPrice);

        var nonce = await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Bob.Address);
        Assert.Equal(OrderProblem.InsufficientUnits, (await Assert.ThrowsAsync<OrderNotFillableException>(() => market.Bob.Market.FillAskAsync(received, 1))).Problem);
        Assert.Equal(nonce, await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Bob.Address));
    }

    [Fact]
    public async Task CriteriaBid_FilledWithAMatchingLot_RefusedForALotThatMissesACriterion()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await market.Admin.GetChainTimeAsync();
        var bid = await market.Bob.Market.SignBidAsync(new BidCriteria
        {
            GpuModel = "A100-80G",
            Region = "us-east",
            DeliveryUntil = now.AddDays(31),
            MinSlaBps = 9_900,
            MaxWhPerGpuHour = 500,
            PricePerUnit = 2_600_000,
            Units = 200,
            Expiry = now.AddDays(1),
        });
        var json = bid.ToJson();
        Assert.Contains("\"gpuModel\": \"A100-80G\"", json, StringComparison.Ordinal);

        var fill = await market.Provider.Market.FillBidAsync(SignedOrder.Parse(json), market.LotId, 120);
        Assert.Equal(120 * 2_600_000, fill.Value.Cost);
        Assert.Equal(120, (await market.Bob.Market.GetOrderStateAsync(bid)).Filled);

        // A lot in another region fails the bid: refused before sending, and by the contract itself with the criterion.
        var eu = await IssueLotAsync(market, "eu-west");
        var refused = await Assert.ThrowsAsync<OrderNotFillableException>(() => market.Provider.Market.FillBidAsync(bid, eu, 10));
        Assert.Equal(OrderProblem.LotDoesNotMatch, refused.Problem);
        Assert.Contains("region", refused.Message, StringComparison.Ordinal);
        var raw = TransactionCall.For(market.Provider.Market.Address, new FillBidFunction { Bid = bid.Bid!, Signature = bid.Signature, LotId = eu, Units = 10 }, "raw fillBid", SuiteErrorDecoder.ForMarket);
        var revert = await Assert.ThrowsAsync<MarketLotDoesNotMatchBidException>(() => market.Provider.Transactions.SendAndWaitAsync(raw));
        Assert.Equal(BidCriterion.Region, revert.Error.Criterion);
        Assert.Equal(eu, revert.Error.LotId);
    }

    [Fact]
    public async Task TamperedCancelledOrForeignOrders_AreRefusedBeforeSending_AndTheContractRejectsATamperedOne()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await market.Admin.GetChainTimeAsync();
        var signed = await market.Provider.Market.SignAskAsync(new AskTerms { LotId = market.LotId, Units = 10, PricePerUnit = 3 * Usdc, Expiry = now.AddDays(2) });

        // A price lowered after signing: the hash field no longer matches; without it, the signature does not.
        var cheaper = signed.ToJson().Replace("\"pricePerUnit\": \"3000000\"", "\"pricePerUnit\": \"1\"", StringComparison.Ordinal);
        Assert.Throws<OrderFormatException>(() => SignedOrder.Parse(cheaper));
        var edited = SignedOrder.Parse(signed.ToJson()).Ask!;
        edited.PricePerUnit = 1;
        var tampered = SignedOrder.Parse(SignedOrder.ForAsk(signed.Domain, edited, signed.Signature).ToJson());
        var nonce = await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Bob.Address);
        Assert.Equal(OrderProblem.BadSignature, (await Assert.ThrowsAsync<OrderNotFillableException>(() => market.Bob.Market.FillAskAsync(tampered, 1))).Problem);
        var foreign = SignedOrder.ForAsk(new OrderDomain(1, signed.Domain.Market), signed.Ask!, signed.Signature);
        Assert.Equal(OrderProblem.WrongChain, (await Assert.ThrowsAsync<OrderNotFillableException>(() => market.Bob.Market.FillAskAsync(foreign, 1))).Problem);
        Assert.Equal(nonce, await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Bob.Address));

        await market.Bob.Stablecoin.ApproveAsync(market.Bob.Market.Address, 100 * Usdc);
        var raw = TransactionCall.For(market.Bob.Market.Address, new FillAskFunction { Ask = tampered.Ask!, Signature = tampered.Signature, Units = 1 }, "raw fillAsk", SuiteErrorDecoder.ForMarket);
        var invalid = await Assert.ThrowsAsync<MarketInvalidSignatureException>(() => market.Bob.Transactions.SendAndWaitAsync(raw));
        Assert.Equal(SuiteChain.Accounts.Provider.Address, invalid.Error.Maker, StringComparer.OrdinalIgnoreCase);

        // Nobody but the maker cancels; the maker cancels one, then all.
        Assert.Equal(OrderProblem.NotMaker, (await Assert.ThrowsAsync<OrderNotFillableException>(() => market.Bob.Market.CancelOrderAsync(signed))).Problem);
        await market.Provider.Market.CancelOrderAsync(signed);
        Assert.Equal(OrderProblem.Cancelled, (await Assert.ThrowsAsync<OrderNotFillableException>(() => market.Bob.Market.FillAskAsync(signed, 1))).Problem);
        var another = await market.Provider.Market.SignAskAsync(new AskTerms { LotId = market.LotId, Units = 10, PricePerUnit = 3 * Usdc, Expiry = now.AddDays(2) });
        Assert.Equal(BigInteger.One, (await market.Provider.Market.CancelAllOrdersAsync()).Value);
        Assert.Equal(OrderProblem.CounterStale, (await Assert.ThrowsAsync<OrderNotFillableException>(() => market.Bob.Market.FillAskAsync(another, 1))).Problem);
    }

    [Fact]
    public async Task M1_AThinlyBondedLotCannotFillABid_ItsDefaultCoverIsTheBidPrice()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await market.Admin.GetChainTimeAsync();
        var bid = await market.Bob.Market.SignBidAsync(new BidCriteria { GpuModel = "A100-80G", Region = "us-east", PricePerUnit = 2_600_000, Units = 50, Expiry = now.AddDays(1) });
        Assert.Equal(2_600_000, bid.Bid!.MinUnitCover);

        // The attack: a lot with the bid's labels but a reference price of 1 base unit, so its bond refunds nothing.
        var poolId = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await market.Admin.Token.RegisterPoolAsync(poolId, SuiteChain.Accounts.Provider.Address);
        var junk = (await market.Provider.Token.IssueLotAsync(market.Terms with { PoolId = poolId, ReferencePrice = 1 }, SuiteChain.Accounts.Provider.Address, 50)).Value;

        var refused = await Assert.ThrowsAsync<OrderNotFillableException>(() => market.Provider.Market.FillBidAsync(bid, junk, 50));
        Assert.Contains("bond cover", refused.Message, StringComparison.Ordinal);
        var raw = TransactionCall.For(market.Provider.Market.Address, new FillBidFunction { Bid = bid.Bid!, Signature = bid.Signature, LotId = junk, Units = 50 }, "raw fillBid", SuiteErrorDecoder.ForMarket);
        Assert.Equal(BidCriterion.Cover, (await Assert.ThrowsAsync<MarketLotDoesNotMatchBidException>(() => market.Provider.Transactions.SendAndWaitAsync(raw))).Error.Criterion);
    }

    [Fact]
    public async Task M2_AMakerFillingItsOwnOrder_DoesNotMoveThePriceIndex()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var region = "wash-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        var lot = await IssueLotAsync(market, region);
        var now = await market.Admin.GetChainTimeAsync();
        var absurd = await market.Provider.Market.SignAskAsync(new AskTerms { LotId = lot, Units = 1, PricePerUnit = 300 * Usdc, Expiry = now.AddDays(1) });

        await market.Provider.Market.FillAskAsync(absurd, 1);

        Assert.False((await market.Bob.Market.GetPriceAsync("A100-80G", region)).HasTrades);
    }

    private static async Task<BigInteger> IssueLotAsync(MarketSetup market, string region)
    {
        var poolId = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await market.Admin.Token.RegisterPoolAsync(poolId, SuiteChain.Accounts.Provider.Address);
        return (await market.Provider.Token.IssueLotAsync(market.Terms with { PoolId = poolId, Region = region }, SuiteChain.Accounts.Provider.Address, 100)).Value;
    }
}

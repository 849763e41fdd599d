using System.Numerics;
using System.Security.Cryptography;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.IntegrationTests.Lifecycle;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>The market module on anvil: Dutch auctions priced by chain time, the slippage guard (in preflight and on
/// chain), cancellation, settlement through the escrow, and the price index. Its own anvil: the tests move chain
/// time.</summary>
public sealed class MarketAnvilTests : IClassFixture<AnvilSuiteFixture>
{
    private const long Usdc = 1_000_000;
    private readonly AnvilSuiteFixture fixture;

    public MarketAnvilTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    private SuiteChain Chain => fixture.Chain;

    [Fact]
    public async Task Auction_PriceFallsWithChainTime_BuyerPaysItsBlocksPrice_SellerIsCreditedInTheEscrow()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var start = await market.Admin.GetChainTimeAsync();
        var auctionId = (await market.Provider.Market.CreateAuctionAsync(market.LotId, 100, 4 * Usdc, 2 * Usdc, start, start.AddDays(2))).Value;
        var auction = await market.Alice.Market.GetOfferAsync(auctionId);
        Assert.True(auction.IsAuction);
        Assert.Equal(4 * Usdc, auction.StartPrice);
        Assert.Equal(2 * Usdc, auction.FloorPrice);

        await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(1));
        var quoted = await market.Bob.Market.GetCurrentPriceAsync(auctionId);
        Assert.InRange(quoted, 2 * Usdc, 3 * Usdc + 1);
        var claimableBefore = await market.Provider.Escrow.ClaimableAsync(SuiteChain.Accounts.Provider.Address);
        var bobUnitsBefore = await market.Bob.Token.BalanceOfAsync(SuiteChain.Accounts.Bob.Address, market.LotId);

        var bought = await market.Bob.Market.PurchaseAsync(auctionId, 10);

        var fill = bought.Value;
        var block = await BlockTimeAsync(bought.BlockNumber);
        Assert.Equal(auction.PriceAt(block), fill.PricePerUnit);
        Assert.True(fill.PricePerUnit <= quoted, "an auction's price only falls between the quote and the block");
        Assert.Equal(10 * fill.PricePerUnit, fill.Cost);
        Assert.Equal(bobUnitsBefore + 10, await market.Bob.Token.BalanceOfAsync(SuiteChain.Accounts.Bob.Address, market.LotId));
        Assert.Equal(claimableBefore + fill.Cost, await market.Provider.Escrow.ClaimableAsync(SuiteChain.Accounts.Provider.Address));
        Assert.Equal(90UL, (await market.Bob.Market.GetOfferAsync(auctionId)).UnitsRemaining);
        var solvency = await market.Admin.Escrow.GetSolvencyAsync();
        Assert.True(solvency.IsSolvent);
    }

    [Fact]
    public async Task Purchase_AboveTheBuyersLimit_IsRefusedBeforeSending_AndTheContractRevertsTypedWithItsArguments()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await market.Admin.GetChainTimeAsync();
        var offerId = (await market.Provider.Market.CreateOfferAsync(market.LotId, 50, 3 * Usdc, now.AddDays(3))).Value;

        var nonce = await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Bob.Address);
        var refused = await Assert.ThrowsAsync<InputValidationException>(() => market.Bob.Market.PurchaseAsync(offerId, 5, 2 * Usdc));
        Assert.Equal("maxPricePerUnit", refused.ParameterName);
        Assert.Equal(nonce, await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Bob.Address));

        // Past the preflight (a raw call), the market's own guard reverts with the price and the limit.
        await market.Bob.Stablecoin.ApproveAsync(market.Bob.Market.Address, 100 * Usdc);
        var call = TransactionCall.For(market.Bob.Market.Address, new PurchaseFunction { OfferId = offerId, Units = 5, MaxPricePerUnit = 2 * Usdc }, "raw purchase", SuiteErrorDecoder.ForMarket);
        var revert = await Assert.ThrowsAsync<MarketPriceAboveLimitException>(() => market.Bob.Transactions.SendAndWaitAsync(call));
        Assert.Equal(offerId, revert.Error.OfferId);
        Assert.Equal(3 * Usdc, revert.Error.PricePerUnit);
        Assert.Equal(2 * Usdc, revert.Error.MaxPricePerUnit);
    }

    [Fact]
    public async Task CancelledOrUnknownOffer_IsATypedErrorAndNothingIsSent()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await market.Admin.GetChainTimeAsync();
        var offerId = (await market.Provider.Market.CreateOfferAsync(market.LotId, 50, 3 * Usdc, now.AddDays(3))).Value;
        await market.Provider.Market.CancelOfferAsync(offerId);
        Assert.True((await market.Bob.Market.GetOfferAsync(offerId)).Cancelled);

        var nonce = await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Bob.Address);
        Assert.Contains("cancelled", (await Assert.ThrowsAsync<InputValidationException>(() => market.Bob.Market.PurchaseAsync(offerId, 1))).Message, StringComparison.Ordinal);
        Assert.Equal(offerId + 1000, (await Assert.ThrowsAsync<OfferNotFoundException>(() => market.Bob.Market.PurchaseAsync(offerId + 1000, 1))).OfferId);
        Assert.Equal(nonce, await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Bob.Address));

        // Not the seller: the market's own error, with the caller.
        var notSeller = await Assert.ThrowsAsync<MarketNotOfferSellerException>(() => market.Bob.Market.CancelOfferAsync(offerId));
        Assert.Equal(SuiteChain.Accounts.Bob.Address, notSeller.Error.Caller, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ListOffers_ShowsTheOpenOnesOfALot_AndWithAllEveryOne()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await market.Admin.GetChainTimeAsync();
        var open = (await market.Provider.Market.CreateOfferAsync(market.LotId, 10, 3 * Usdc, now.AddDays(3))).Value;
        var cancelled = (await market.Provider.Market.CreateOfferAsync(market.LotId, 10, 3 * Usdc, now.AddDays(3))).Value;
        await market.Provider.Market.CancelOfferAsync(cancelled);
        var later = (await market.Provider.Market.CreateAuctionAsync(market.LotId, 10, 4 * Usdc, 2 * Usdc, now.AddDays(1), now.AddDays(2))).Value;

        var listed = await market.Bob.Market.ListOffersAsync(market.LotId);
        Assert.Equal([open], listed.Select(o => o.OfferId));
        var every = await market.Bob.Market.ListOffersAsync(market.LotId, openOnly: false);
        Assert.Equal([open, cancelled, later], every.Select(o => o.OfferId));
        var everyLot = await market.Bob.Market.ListOffersAsync();
        var chainNow = await market.Admin.GetChainTimeAsync();
        Assert.All(everyLot, o => Assert.True(o.IsOpenAt(chainNow)));
    }

    [Fact]
    public async Task Auction_InputsOutOfRange_AreRefusedBeforeSending()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await market.Admin.GetChainTimeAsync();
        var nonce = await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Provider.Address);
        Assert.Equal("floorPrice", (await Assert.ThrowsAsync<InputValidationException>(() => market.Provider.Market.CreateAuctionAsync(market.LotId, 10, 2 * Usdc, 3 * Usdc, now, now.AddDays(1)))).ParameterName);
        Assert.Equal("endsAt", (await Assert.ThrowsAsync<InputValidationException>(() => market.Provider.Market.CreateAuctionAsync(market.LotId, 10, 3 * Usdc, 2 * Usdc, now, now.AddDays(31)))).ParameterName);
        Assert.Equal("endsAt", (await Assert.ThrowsAsync<InputValidationException>(() => market.Provider.Market.CreateAuctionAsync(market.LotId, 10, 3 * Usdc, 2 * Usdc, now.AddDays(2), now.AddDays(1)))).ParameterName);
        await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Market.CreateAuctionAsync(market.LotId, 10, BigInteger.One << 96, 2 * Usdc, now, now.AddDays(1)));
        await Assert.ThrowsAsync<InputValidationException>(() => market.Admin.Market.SetIndexWindowAsync(TimeSpan.FromMinutes(30)));
        Assert.Equal(nonce, await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Provider.Address));
    }

    [Fact]
    public async Task PriceIndex_KeepsTheLastTrade_AndAnAverageThatMovesOnlyAsTimePasses()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var region = "idx-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var lotId = await IssueLotAsync(market, region);
        var now = await market.Admin.GetChainTimeAsync();
        var empty = await market.Bob.Market.GetPriceAsync("A100-80G", region);
        Assert.False(empty.HasTrades);
        Assert.Equal(TimeSpan.FromDays(7), empty.Window);

        var cheap = (await market.Provider.Market.CreateOfferAsync(lotId, 10, 3 * Usdc, now.AddDays(10))).Value;
        await market.Bob.Market.PurchaseAsync(cheap, 1);
        var first = await market.Bob.Market.GetPriceAsync("A100-80G", region);
        Assert.Equal(3 * Usdc, first.LastPrice);
        Assert.Equal(3 * Usdc, first.Average);
        Assert.Equal(SuiteChain.Accounts.Provider.Address.Length, first.Currency.Length);

        // A trade at a much higher price: the last price follows at once, the average only as that price stands.
        var dear = (await market.Provider.Market.CreateOfferAsync(lotId, 10, 30 * Usdc, now.AddDays(10))).Value;
        await market.Bob.Market.PurchaseAsync(dear, 1);
        var second = await market.Bob.Market.GetPriceAsync("A100-80G", region);
        Assert.Equal(30 * Usdc, second.LastPrice);
        Assert.InRange(second.Average, 3 * Usdc, (3 * Usdc) + (27 * Usdc / 1000));

        await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(7));
        await Chain.Anvil.MineAsync();
        Assert.Equal(30 * Usdc, (await market.Bob.Market.GetPriceAsync("A100-80G", region)).Average);

        // Another currency has its own (empty) entry.
        Assert.False((await market.Bob.Market.GetPriceAsync("A100-80G", region, SuiteChain.Accounts.Bob.Address)).HasTrades);
    }

    private async Task<DateTimeOffset> BlockTimeAsync(long number)
    {
        var web3 = new Nethereum.Web3.Web3(Chain.RpcUrl);
        var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new Nethereum.RPC.Eth.DTOs.BlockParameter(new Nethereum.Hex.HexTypes.HexBigInteger(number)));
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }

    private static async Task<BigInteger> IssueLotAsync(MarketSetup market, string region)
    {
        var poolId = RandomNumberGenerator.GetBytes(32);
        await market.Admin.Token.RegisterPoolAsync(poolId, SuiteChain.Accounts.Provider.Address);
        var terms = market.Terms with { PoolId = poolId, Region = region };
        return (await market.Provider.Token.IssueLotAsync(terms, SuiteChain.Accounts.Provider.Address, 100)).Value;
    }
}

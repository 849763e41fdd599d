using System.Numerics;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.IntegrationTests.Lifecycle;
using Xunit;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>
/// Collateral auctions on anvil through the SDK: a defaulted pledge's units sold by Dutch auction, the proceeds split
/// lender first and the surplus to the holder, the unsold rest settled to the lender; a third party's auction after the
/// grace; and every refusal the SDK makes before sending (nothing sent: the signer's nonce and the block stay). Each
/// test moves the clock inside an anvil snapshot.
/// </summary>
public sealed class CollateralAuctionAnvilTests : IClassFixture<AnvilSuiteFixture>
{
    private const long Principal = 100_000_000; // 100 USDC against 80 units (cap at 50 % LTV of 3 USDC: 120 USDC)
    private const long Fee = 5_000_000;
    private static readonly string Alice = SuiteChain.Accounts.Alice.Address;
    private static readonly string Lender = SuiteChain.Accounts.Lender.Address;
    private static readonly string Bob = SuiteChain.Accounts.Bob.Address;
    private readonly AnvilSuiteFixture fixture;

    public CollateralAuctionAnvilTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    private SuiteChain Chain => fixture.Chain;

    [Fact]
    public async Task LenderAuction_PartlySoldThenSettled_PaysTheLenderFirstTheHolderTheSurplusAndGivesTheRestToTheLender()
    {
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            var (market, pledge) = await DefaultedPledgeAsync(units: 80);
            var start = 4_000_000; // 4 USDC per unit, falling to 2 over a day
            var started = await market.Lender.Lending.StartCollateralAuctionAsync(pledge, start, 2_000_000, TimeSpan.FromDays(1));

            Assert.Equal(PledgeStatus.Auctioning, (await market.Lender.Lending.GetPledgeAsync(pledge)).Status);
            var auction = await market.Bob.Lending.GetCollateralAuctionAsync(pledge);
            Assert.NotNull(auction);
            Assert.Equal(started.Value, auction);
            Assert.Equal(80UL, auction.UnitsLeft);

            // The SDK's curve is the contract's: same price at the start, inside (odd seconds round up), at and past the end.
            foreach (var offset in new[] { 0L, 1L, 7_777L, 43_201L, 86_399L, 86_400L, 100_000L })
            {
                var at = auction.StartsAt.AddSeconds(offset);
                Assert.Equal(await market.Bob.Lending.Service.AuctionPriceAtQueryAsync(pledge, at.ToUnixTimeSeconds()), auction.PriceAt(at));
            }

            Assert.Equal("CollateralAuctionStarted", Assert.Single(await market.Bob.Events.GetAsync(new BlockRange(started.BlockNumber, started.BlockNumber))).Name);

            // Repaying is over once the collateral is on sale: the contract's own error, from the simulation.
            var late = await Assert.ThrowsAsync<LendingWrongPledgeStatusException>(() => market.Alice.Lending.RepayAsync(pledge));
            Assert.Equal(PledgeStatus.Auctioning, late.Error.Status);

            // Half-way: the price is 3 USDC; 50 units cost 150, of which 105 repay the lender and 45 are alice's.
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromHours(12));
            var lenderBefore = await market.Lender.Escrow.ClaimableAsync(Lender);
            var aliceBefore = await market.Alice.Escrow.ClaimableAsync(Alice);
            var bobUnits = await market.Bob.Token.BalanceOfAsync(Bob, market.LotId);
            var sale = (await market.Bob.Lending.BuyCollateralAsync(pledge, 50)).Value;

            Assert.InRange(sale.PricePerUnit, new BigInteger(2_999_000), new BigInteger(3_000_000));
            Assert.Equal(50 * sale.PricePerUnit, sale.Cost);
            Assert.Equal(new BigInteger(Principal + Fee), sale.ToLender);
            Assert.Equal(sale.Cost - sale.ToLender, sale.ToHolder);
            Assert.Equal(lenderBefore + sale.ToLender, await market.Lender.Escrow.ClaimableAsync(Lender));
            Assert.Equal(aliceBefore + sale.ToHolder, await market.Alice.Escrow.ClaimableAsync(Alice));
            Assert.Equal(bobUnits + 50, await market.Bob.Token.BalanceOfAsync(Bob, market.LotId));
            Assert.Equal(new BigInteger(30), await market.Alice.Token.LockedBalanceOfAsync(Alice, market.LotId));
            Assert.Equal(new BigInteger(Principal + Fee), (await market.Bob.Lending.GetCollateralAuctionAsync(pledge))!.PaidToLender);

            // After the end the 30 unsold units go to the lender; the pledge is closed.
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromHours(13));
            var lenderUnits = await market.Lender.Token.BalanceOfAsync(Lender, market.LotId);
            var settled = await market.Bob.Lending.SettleCollateralAuctionAsync(pledge);

            Assert.True(settled.Value);
            Assert.Equal(PledgeStatus.Liquidated, (await market.Bob.Lending.GetPledgeAsync(pledge)).Status);
            Assert.Equal(lenderUnits + 30, await market.Lender.Token.BalanceOfAsync(Lender, market.LotId));
            Assert.Equal(BigInteger.Zero, await market.Alice.Token.LockedBalanceOfAsync(Alice, market.LotId));
            var solvency = await market.Admin.Escrow.GetSolvencyAsync();
            Assert.True(solvency.IsSolvent);
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    [Fact]
    public async Task ThirdPartyAuction_AfterTheGraceWithAFloorThatRepaysTheDebt_SellsOutAndLiquidates()
    {
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            var (market, pledge) = await DefaultedPledgeAsync(units: 80);
            var rules = await market.Bob.Lending.GetPledgeRulesAsync();
            Assert.Equal(TimeSpan.FromDays(3), rules.AuctionGrace);
            Assert.Equal(TimeSpan.FromHours(1), rules.MinAuctionDuration);
            await Chain.Anvil.IncreaseTimeAsync(rules.AuctionGrace);

            // 80 units at a floor of 1.35 USDC is 108 USDC >= the 105 owed; a third party starts between 2x and 4x the
            // reference price (6 to 12 USDC) and runs at least a day. 20 hours in, the price is about 2.46 USDC.
            Assert.Equal(TimeSpan.FromDays(1), rules.ThirdPartyAuctionDuration);
            await market.Bob.Lending.StartCollateralAuctionAsync(pledge, 8_000_000, 1_350_000, TimeSpan.FromDays(1));
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromHours(20));
            var sale = (await market.Bob.Lending.BuyCollateralAsync(pledge, 80, 3_000_000)).Value;

            Assert.Equal(new BigInteger(Principal + Fee), sale.ToLender);
            Assert.Equal(sale.Cost - (Principal + Fee), sale.ToHolder);
            Assert.Equal(PledgeStatus.Liquidated, (await market.Bob.Lending.GetPledgeAsync(pledge)).Status);
            Assert.Equal(0UL, (await market.Bob.Lending.GetCollateralAuctionAsync(pledge))!.UnitsLeft);
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    [Fact]
    public async Task L2_LenderClaimsOutOfAnAuctionThatSoldNothing_AndASelfFundedPledgeIsRefused()
    {
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            var (market, pledge) = await DefaultedPledgeAsync(units: 80);
            await market.Lender.Lending.StartCollateralAuctionAsync(pledge, 4_000_000, 2_000_000, TimeSpan.FromDays(1));
            var lenderUnits = await market.Lender.Token.BalanceOfAsync(Lender, market.LotId);

            await market.Lender.Lending.ClaimCollateralAsync(pledge);

            Assert.Equal(PledgeStatus.Claimed, (await market.Lender.Lending.GetPledgeAsync(pledge)).Status);
            Assert.Equal(lenderUnits + 80, await market.Lender.Token.BalanceOfAsync(Lender, market.LotId));

            // L-4: a holder funding its own pledge is refused before sending.
            var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
            var own = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, 5, null, 1_000_000, 0, now.AddDays(2))).Value;
            await AssertNothingSentAsync(market.Alice, () => Assert.ThrowsAsync<InputValidationException>(() => market.Alice.Lending.FundPledgeAsync(own)));
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    [Fact]
    public async Task Refusals_AreTypedAndSendNothing()
    {
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            var market = await MarketSetup.CreateAsync(Chain);
            var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
            var pledge = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, 80, Lender, Principal, Fee, now.AddDays(2))).Value;
            await market.Lender.Lending.FundPledgeAsync(pledge);

            // Before maturity nobody can auction; a floor above the start or a duration past the lot's end is refused.
            await AssertNothingSentAsync(market.Lender, () => Assert.ThrowsAsync<PledgeStateException>(() => market.Lender.Lending.StartCollateralAuctionAsync(pledge, 4_000_000, 2_000_000, TimeSpan.FromDays(1))));
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(2));
            await AssertNothingSentAsync(market.Lender, () => Assert.ThrowsAsync<InputValidationException>(() => market.Lender.Lending.StartCollateralAuctionAsync(pledge, 2_000_000, 4_000_000, TimeSpan.FromDays(1))));
            await AssertNothingSentAsync(market.Lender, () => Assert.ThrowsAsync<InputValidationException>(() => market.Lender.Lending.StartCollateralAuctionAsync(pledge, 4_000_000, 2_000_000, TimeSpan.FromMinutes(30))));
            await AssertNothingSentAsync(market.Lender, () => Assert.ThrowsAsync<InputValidationException>(() => market.Lender.Lending.StartCollateralAuctionAsync(pledge, 4_000_000, 2_000_000, TimeSpan.FromDays(40))));
            await AssertNothingSentAsync(market.Lender, () => Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Lender.Lending.StartCollateralAuctionAsync(pledge, BigInteger.One << 96, 2_000_000, TimeSpan.FromDays(1))));

            // Within the grace only the lender may start it; after it, a third party's floor must repay the debt.
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<PledgeStateException>(() => market.Bob.Lending.StartCollateralAuctionAsync(pledge, 4_000_000, 2_000_000, TimeSpan.FromDays(1))));
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(3));
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<InputValidationException>(() => market.Bob.Lending.StartCollateralAuctionAsync(pledge, 8_000_000, 1_000_000, TimeSpan.FromDays(1))));

            // L-1/L-2: a third party cannot pick a start price outside 2x..4x the reference (3 USDC), nor run it under a day.
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<InputValidationException>(() => market.Bob.Lending.StartCollateralAuctionAsync(pledge, 1_350_000, 1_350_000, TimeSpan.FromDays(1))));
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<InputValidationException>(() => market.Bob.Lending.StartCollateralAuctionAsync(pledge, 13_000_000, 1_350_000, TimeSpan.FromDays(1))));
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<InputValidationException>(() => market.Bob.Lending.StartCollateralAuctionAsync(pledge, 8_000_000, 1_350_000, TimeSpan.FromHours(2))));

            // Buying or settling a pledge that is not on sale is refused before sending.
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<PledgeStateException>(() => market.Bob.Lending.BuyCollateralAsync(pledge, 1)));
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<PledgeStateException>(() => market.Bob.Lending.SettleCollateralAuctionAsync(pledge)));
            Assert.Null(await market.Bob.Lending.GetCollateralAuctionAsync(pledge));
            await Assert.ThrowsAsync<PledgeNotFoundException>(() => market.Bob.Lending.GetCollateralAuctionAsync(9_999));

            await market.Lender.Lending.StartCollateralAuctionAsync(pledge, 4_000_000, 2_000_000, TimeSpan.FromDays(1));
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromMinutes(1));

            // Too many units, a limit below the price, a buyer the token would refuse, settling before the end.
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<InputValidationException>(() => market.Bob.Lending.BuyCollateralAsync(pledge, 81)));
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<InputValidationException>(() => market.Bob.Lending.BuyCollateralAsync(pledge, 10, 1_000_000)));
            await market.Admin.Token.SetFrozenAsync(Bob, true);
            var frozen = await Assert.ThrowsAsync<TransferNotAllowedException>(() => market.Bob.Lending.BuyCollateralAsync(pledge, 10));
            Assert.Equal(TransferStatus.ReceiverFrozen, frozen.Status);
            await market.Admin.Token.SetFrozenAsync(Bob, false);

            // L-4: a frozen holder's collateral is not sold (the lender may claim it instead).
            await market.Admin.Token.SetFrozenAsync(Alice, true);
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<PledgeStateException>(() => market.Bob.Lending.BuyCollateralAsync(pledge, 10)));
            await market.Admin.Token.SetFrozenAsync(Alice, false);
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<PledgeStateException>(() => market.Bob.Lending.SettleCollateralAuctionAsync(pledge)));

            // Once it ended, buying is refused (settle instead).
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(1));
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<PledgeStateException>(() => market.Bob.Lending.BuyCollateralAsync(pledge, 1)));
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    /// <summary>A fresh lot; alice pledges <paramref name="units"/> of her 100 for 100 USDC + 5 to the lender, who funds
    /// it; the clock moves past maturity.</summary>
    private async Task<(MarketSetup Market, BigInteger Pledge)> DefaultedPledgeAsync(ulong units)
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
        var pledge = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, units, Lender, Principal, Fee, now.AddDays(2))).Value;
        await market.Lender.Lending.FundPledgeAsync(pledge);
        await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));
        return (market, pledge);
    }

    private async Task AssertNothingSentAsync(RwaComputeClient client, Func<Task> action)
    {
        var before = await Chain.Anvil.NonceAsync(client.Account!);
        var block = await Chain.Anvil.BlockNumberAsync();
        await action();
        Assert.Equal(before, await Chain.Anvil.NonceAsync(client.Account!));
        Assert.Equal(block, await Chain.Anvil.BlockNumberAsync());
    }
}

using System.Numerics;
using System.Security.Cryptography;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.IntegrationTests.Lifecycle;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>The loan-to-value cap following the market's price index, downward only (docs/LENDING.md, "The cap follows
/// the price index down"), on anvil: risk staff switch it on, a trade below the reference price lowers
/// <c>MaxPrincipalAsync</c>, a request above the new cap is refused before sending and one at it is made, and switching
/// it off brings the reference-price cap back. Its own anvil: the index setting is suite-wide.</summary>
public sealed class IndexLtvAnvilTests : IClassFixture<AnvilSuiteFixture>
{
    private const long Usdc = 1_000_000;
    private readonly AnvilSuiteFixture fixture;

    public IndexLtvAnvilTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    private SuiteChain Chain => fixture.Chain;

    [Fact]
    public async Task IndexLtv_TradeBelowReferencePrice_LowersTheCap_AboveItIsRefusedBeforeSending_OffRestoresIt()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var lotId = await IssueLotInFreshKeyAsync(market);
        const ulong units = 40;
        var ltv = await market.Provider.Lending.LoanToValueAsync(lotId);
        var referenceCap = units * (BigInteger)LifecycleScenario.Price * ltv / 10_000;
        Assert.Null(await market.Provider.Lending.PriceIndexAsync());
        Assert.Equal(referenceCap, await market.Provider.Lending.MaxPrincipalAsync(lotId, units));

        await market.Admin.Lending.SetPriceIndexAsync(market.Admin.Market.Address);
        Assert.Equal(market.Admin.Market.Address, await market.Provider.Lending.PriceIndexAsync(), ignoreCase: true);
        Assert.Equal(referenceCap, await market.Provider.Lending.MaxPrincipalAsync(lotId, units)); // no trade of the key yet

        // One unit trades at 1 USDC, a third of the 3 USDC reference price: the cap follows the average down.
        var now = await market.Admin.GetChainTimeAsync();
        var offerId = (await market.Provider.Market.CreateOfferAsync(lotId, 10, 1 * Usdc, now.AddDays(10))).Value;
        await market.Bob.Market.PurchaseAsync(offerId, 1);
        var cap = await market.Provider.Lending.MaxPrincipalAsync(lotId, units);
        Assert.Equal(units * (BigInteger)Usdc * ltv / 10_000, cap);
        Assert.True(cap < referenceCap);

        var maturity = now.AddDays(10);
        var lender = SuiteChain.Accounts.Lender.Address;
        var nonce = await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Provider.Address);
        var refused = await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Lending.RequestPledgeAsync(lotId, units, lender, cap + 1, 0, maturity));
        Assert.Equal(cap, refused.Maximum);
        Assert.Equal(nonce, await Chain.Anvil.NonceAsync(SuiteChain.Accounts.Provider.Address)); // nothing sent
        var made = await market.Provider.Lending.RequestPledgeAsync(lotId, units, lender, cap, 0, maturity);
        Assert.Equal(cap, (await market.Provider.Lending.GetPledgeAsync(made.Value)).Principal);

        await market.Admin.Lending.SetPriceIndexAsync(null);
        Assert.Null(await market.Provider.Lending.PriceIndexAsync());
        Assert.Equal(referenceCap, await market.Provider.Lending.MaxPrincipalAsync(lotId, units));
        await market.Provider.Lending.RequestPledgeAsync(lotId, units, lender, referenceCap, 0, maturity);
    }

    [Fact]
    public async Task SetPriceIndex_ToAnAddressWithoutCodeOrZero_IsRefusedBeforeSending()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var admin = SuiteChain.Accounts.Admin.Address;
        var nonce = await Chain.Anvil.NonceAsync(admin);
        await Assert.ThrowsAsync<InputValidationException>(() => market.Admin.Lending.SetPriceIndexAsync(SuiteChain.Accounts.Bob.Address));
        await Assert.ThrowsAsync<InvalidAddressException>(() => market.Admin.Lending.SetPriceIndexAsync("0x0000000000000000000000000000000000000000"));
        Assert.Equal(nonce, await Chain.Anvil.NonceAsync(admin));
        Assert.Null(await market.Admin.Lending.PriceIndexAsync());
    }

    /// <summary>A lot in a fresh pool and region, so no other test's trade shares its price index key.</summary>
    private static async Task<BigInteger> IssueLotInFreshKeyAsync(MarketSetup market)
    {
        var poolId = RandomNumberGenerator.GetBytes(32);
        await market.Admin.Token.RegisterPoolAsync(poolId, SuiteChain.Accounts.Provider.Address);
        var region = "ltv-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var terms = market.Terms with { PoolId = poolId, Region = region };
        return (await market.Provider.Token.IssueLotAsync(terms, SuiteChain.Accounts.Provider.Address, 100)).Value;
    }
}

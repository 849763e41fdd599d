using System.Numerics;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.IntegrationTests.Lifecycle;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>
/// Settlement currencies on anvil through the SDK: a second stablecoin (a EURC stand-in) accepted by the escrow, a lot
/// issued in it whose bond, sale, pledge and withdrawal all settle in it, the escrow solvent per currency, and a
/// currency no longer accepted refusing new lots while its existing lot keeps settling.
/// </summary>
public sealed class CurrencyAnvilTests : IClassFixture<AnvilSuiteFixture>
{
    private static readonly string Alice = SuiteChain.Accounts.Alice.Address;
    private readonly AnvilSuiteFixture fixture;

    public CurrencyAnvilTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    private SuiteChain Chain => fixture.Chain;

    [Fact]
    public async Task LotInASecondCurrency_BondSalePledgeAndWithdrawal_SettleInItAndTheEscrowIsSolventPerCurrency()
    {
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            var market = await MarketSetup.CreateAsync(Chain);
            var eurc = await DeployFundedCoinAsync();
            var usdc = Chain.Manifest.StablecoinAddress;

            // Before the escrow accepts it, a lot in it is refused (the escrow's error through the token's issueLot).
            var eurTerms = market.Terms with { MetadataHash = LotTerms.HashMetadata("an EUR lot"), Currency = eurc };
            await Assert.ThrowsAsync<EscrowCurrencyNotAcceptedException>(() => market.Provider.Token.IssueLotAsync(eurTerms, SuiteChain.Accounts.Provider.Address, 100));

            await market.Admin.Escrow.SetCurrencyAcceptedAsync(eurc, true);
            Assert.Equal(new CurrencyInfo(eurc, true, 6), await market.Admin.Escrow.GetCurrencyAsync(eurc));
            Assert.Equal("EURC", await market.Admin.Stablecoin.For(eurc).SymbolAsync());
            Assert.Equal("USDC", await market.Admin.Stablecoin.SymbolAsync());
            var usdcBond = (await market.Admin.Escrow.GetTotalsAsync(usdc)).Bonds;

            var lotId = (await market.Provider.Token.IssueLotAsync(eurTerms, SuiteChain.Accounts.Provider.Address, 100)).Value;

            Assert.Equal(eurc, await market.Admin.Escrow.CurrencyOfAsync(lotId), ignoreCase: true);
            Assert.Equal(eurc, (await market.Admin.Token.GetLotAsync(lotId)).Currency, ignoreCase: true);
            Assert.Equal(100 * LifecycleScenario.Price, (await market.Admin.Escrow.GetTotalsAsync(eurc)).Bonds);
            Assert.Equal(usdcBond, (await market.Admin.Escrow.GetTotalsAsync(usdc)).Bonds);

            // A sale pays the seller in EURC; a pledge's principal and repayment move EURC.
            var offer = (await market.Provider.Market.CreateOfferAsync(lotId, 60, LifecycleScenario.Price, (await LifecycleScenario.ChainTimeAsync(market.Admin, default)).AddDays(5))).Value;
            await market.Alice.Market.PurchaseAsync(offer, 40);
            Assert.Equal(40 * LifecycleScenario.Price, await market.Admin.Escrow.ClaimableAsync(SuiteChain.Accounts.Provider.Address, eurc));
            Assert.Equal(BigInteger.Zero, await market.Admin.Escrow.ClaimableAsync(SuiteChain.Accounts.Provider.Address, usdc));

            var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
            var pledge = (await market.Alice.Lending.RequestPledgeAsync(lotId, 20, SuiteChain.Accounts.Lender.Address, 10_000_000, 500_000, now.AddDays(3))).Value;
            await market.Lender.Lending.FundPledgeAsync(pledge);
            Assert.Equal(new BigInteger(10_000_000), await market.Admin.Escrow.ClaimableAsync(Alice, eurc));
            await market.Alice.Lending.RepayAsync(pledge);
            Assert.Equal(new BigInteger(10_500_000), await market.Admin.Escrow.ClaimableAsync(SuiteChain.Accounts.Lender.Address, eurc));

            // Withdrawing in EURC pays EURC.
            var coin = market.Alice.Stablecoin.For(eurc);
            var before = await coin.BalanceOfAsync(Alice);
            Assert.Equal(new BigInteger(10_000_000), (await market.Alice.Escrow.WithdrawAsync(currency: eurc)).Value);
            Assert.Equal(before + 10_000_000, await coin.BalanceOfAsync(Alice));

            Assert.True((await market.Admin.Escrow.GetSolvencyAsync(eurc)).IsSolvent);
            Assert.True((await market.Admin.Escrow.GetSolvencyAsync(usdc)).IsSolvent);

            // No longer accepted: new lots are refused, the existing lot keeps settling in EURC.
            await market.Admin.Escrow.SetCurrencyAcceptedAsync(eurc, false);
            await Assert.ThrowsAsync<EscrowCurrencyNotAcceptedException>(() => market.Provider.Token.IssueLotAsync(eurTerms with { MetadataHash = LotTerms.HashMetadata("another EUR lot") }, SuiteChain.Accounts.Provider.Address, 10));
            await market.Bob.Market.PurchaseAsync(offer, 10);
            Assert.Equal(50 * LifecycleScenario.Price, await market.Admin.Escrow.ClaimableAsync(SuiteChain.Accounts.Provider.Address, eurc));
            Assert.True((await market.Admin.Escrow.GetSolvencyAsync(eurc)).IsSolvent);
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    /// <summary>A second MockUSDC (6 decimals) standing in for EURC, with 100,000 for each actor.</summary>
    private async Task<string> DeployFundedCoinAsync()
    {
        var a = SuiteChain.Accounts;
        var coin = await RwaCompute.Devnet.DevnetSuite.DeployMockStablecoinAsync(Chain.RpcUrl, "EUR Coin (test)", "EURC", 6, 100_000_000_000, [a.Provider.Address, a.Alice.Address, a.Bob.Address, a.Lender.Address]);
        return new Nethereum.Util.AddressUtil().ConvertToChecksumAddress(coin);
    }
}

using System.Numerics;
using System.Security.Cryptography;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeCurtailment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.IntegrationTests.Lifecycle;
using RwaCompute.Sdk.Oracle;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>Interruptible lots through the SDK on anvil (docs/MARKET.md, "Interruptible lots"): declared and issued in
/// one call, bonded with the refund cover, curtailed hours synced from the oracle's reports, finalized and claimed by
/// holders and a delivered redemption; refusals surface before anything is sent. Its own anvil: the tests move the
/// chain's clock.</summary>
public sealed class CurtailmentAnvilTests : IClassFixture<AnvilSuiteFixture>
{
    private const long Usdc = 1_000_000;
    private static readonly InterruptibleTerms Interruptible = new(2_000, 1_500_000, 1_000); // 20 %, 1.50 USDC/h

    private readonly AnvilSuiteFixture fixture;

    public CurtailmentAnvilTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    private SuiteChain Chain => fixture.Chain;

    [Fact]
    public async Task InterruptibleLot_IssuedCurtailedFinalized_HoldersAndADeliveredRedemptionClaimTheirShare()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var (terms, poolId) = await FreshTermsAsync(market);
        var provider = SuiteChain.Accounts.Provider.Address;

        var issued = await market.Provider.Curtailment.IssueInterruptibleLotAsync(terms, Interruptible, provider, 800);
        var lotId = issued.Value;
        Assert.Equal(LotIds.Compute(terms.ToSpec()), lotId);
        var bond = await market.Provider.Escrow.GetBondAsync(lotId);
        Assert.Equal(800 * (LifecycleScenario.Price + Interruptible.CurtailCover), bond.Total); // 800 × (3.00 + 0.30)
        var info = await market.Provider.Curtailment.GetInterruptibleAsync(lotId);
        Assert.NotNull(info);
        Assert.Equal(Interruptible, info.Terms);
        Assert.Equal(provider, info.Provider, ignoreCase: true);
        Assert.Equal(0UL, info.AttributedHours);
        // Worst case: 3.00 − 0.20 × (3.00 − 1.50) = 2.70 USDC, 10 % below the reference price.
        Assert.Equal(2_700_000, Interruptible.WorstCaseValue(LifecycleScenario.Price));
        Assert.Equal(1_000, Interruptible.MaxDiscountBps(LifecycleScenario.Price));
        // Once issued, the call refuses to run again (exactly once); more units go through Token.IssueAsync, bonded alike.
        await Assert.ThrowsAsync<CurtailmentStateException>(() => market.Provider.Curtailment.IssueInterruptibleLotAsync(terms, Interruptible, provider, 100));
        await market.Provider.Token.IssueAsync(lotId, provider, 100);
        Assert.Equal(900UL, (await market.Provider.Token.GetLotAsync(lotId)).UnitsIssued);
        Assert.Equal(900 * (LifecycleScenario.Price + Interruptible.CurtailCover), (await market.Provider.Escrow.GetBondAsync(lotId)).Total);
        await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Token.IssueAsync(lotId, provider, 101)); // above the capacity

        await market.Provider.Token.TransferAsync(SuiteChain.Accounts.Alice.Address, lotId, 500);
        await market.Provider.Token.TransferAsync(SuiteChain.Accounts.Bob.Address, lotId, 200);
        await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromMinutes(1)); // a report observed after the declaration's checkpoint
        await ReportAsync(market, poolId, 1, curtailed: 0);
        await market.Provider.Curtailment.SyncAsync(poolId);

        await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromHours(2));
        // The window started: the supply is fixed (refunds are shared per issued unit, RC-1); refused before sending.
        var providerNonce = await Chain.Anvil.NonceAsync(provider);
        await Assert.ThrowsAsync<CurtailmentStateException>(() => market.Provider.Token.IssueAsync(lotId, provider, 1));
        Assert.Equal(providerNonce, await Chain.Anvil.NonceAsync(provider));
        var redemption = (await market.Bob.Escrow.RedeemAsync(lotId, 50)).Value;
        await market.Bob.Escrow.ConfirmDeliveryAsync(redemption);
        await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(1));
        await ReportAsync(market, poolId, 2, curtailed: 12);
        Assert.Equal(12UL, (await market.Bob.Curtailment.SyncAsync(poolId)).Value); // anyone syncs
        info = await market.Provider.Curtailment.GetInterruptibleAsync(lotId);
        Assert.Equal(12UL, info!.AttributedHours);
        Assert.Equal(12 * Interruptible.RefundPerCurtailedHour / 900, info.RefundPerUnit); // 12 h × 1.50 over 900 units: 0.02 USDC

        // After the window a report is synced and anyone finalizes: the 12 hours, charged to the 900 sold hours, 18 USDC.
        await Chain.Anvil.IncreaseTimeAsync(terms.EndsAt - await market.Admin.GetChainTimeAsync() + TimeSpan.FromMinutes(1));
        await ReportAsync(market, poolId, 3, curtailed: 12);
        await market.Bob.Curtailment.SyncAsync(poolId);
        var pot = (await market.Bob.Curtailment.FinalizeAsync(lotId)).Value;
        Assert.Equal(new BigInteger(18_000_000), pot);
        Assert.True((await market.Provider.Curtailment.GetInterruptibleAsync(lotId))!.Finalized);

        var alice = SuiteChain.Accounts.Alice.Address;
        Assert.Equal(500 * 20_000, await market.Bob.Curtailment.ClaimableAsync(lotId, alice));
        var before = await market.Bob.Escrow.ClaimableAsync(alice);
        Assert.Equal(new BigInteger(10_000_000), (await market.Bob.Curtailment.ClaimAsync(lotId, alice)).Value); // bob claims for alice
        Assert.Equal(before + 10_000_000, await market.Bob.Escrow.ClaimableAsync(alice));
        Assert.Equal(new BigInteger(150 * 20_000), (await market.Bob.Curtailment.ClaimAsync(lotId)).Value);
        Assert.Equal(new BigInteger(50 * 20_000), (await market.Bob.Curtailment.ClaimRedeemedAsync(redemption)).Value);
        Assert.Equal(new BigInteger(200 * 20_000), (await market.Provider.Curtailment.ClaimAsync(lotId)).Value);
        Assert.Equal(BigInteger.Zero, (await market.Admin.Escrow.GetBondAsync(lotId)).Reserved); // every unit claimed: the pot is empty
        var solvency = await market.Admin.Escrow.GetSolvencyAsync();
        Assert.True(solvency.IsSolvent);

        var again = await Assert.ThrowsAsync<CurtailmentStateException>(() => market.Bob.Curtailment.ClaimAsync(lotId));
        Assert.IsType<CurtailmentNothingToClaimException>(again.InnerException);
    }

    [Fact]
    public async Task Refusals_AreTypedAndNothingIsSent()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var (terms, poolId) = await FreshTermsAsync(market);
        var provider = SuiteChain.Accounts.Provider.Address;
        var nonce = await Chain.Anvil.NonceAsync(provider);

        // A refund rate above the bond per unit (3 USDC), a lot that exists, a window that started: refused before sending.
        await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Curtailment.DeclareInterruptibleAsync(terms, Interruptible with { RefundPerCurtailedHour = 3 * Usdc + 1 }));
        var exists = await Assert.ThrowsAsync<CurtailmentStateException>(() => market.Provider.Curtailment.DeclareInterruptibleAsync(market.Terms, Interruptible));
        Assert.Equal(market.LotId, exists.LotId);
        var now = await market.Admin.GetChainTimeAsync();
        await Assert.ThrowsAsync<CurtailmentStateException>(() => market.Provider.Curtailment.DeclareInterruptibleAsync(terms with { StartsAt = now }, Interruptible));
        var noLive = await Assert.ThrowsAsync<CurtailmentStateException>(() => market.Provider.Curtailment.SyncAsync(poolId));
        Assert.IsType<CurtailmentNoLiveLotException>(noLive.InnerException);
        Assert.Equal(nonce, await Chain.Anvil.NonceAsync(provider));

        Assert.Null(await market.Provider.Curtailment.LiveLotAsync(poolId));
        var lotId = (await market.Provider.Curtailment.DeclareInterruptibleAsync(terms, Interruptible)).Value;
        Assert.Equal(lotId, await market.Provider.Curtailment.LiveLotAsync(poolId));
        var notEnded = await Assert.ThrowsAsync<CurtailmentStateException>(() => market.Bob.Curtailment.FinalizeAsync(lotId));
        Assert.IsType<CurtailmentWindowNotEndedException>(notEnded.InnerException);
        await Assert.ThrowsAsync<CurtailmentStateException>(() => market.Provider.Curtailment.IssueInterruptibleLotAsync(terms, Interruptible with { MaxCurtailBps = 1_000 }, provider, 10));
        await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Curtailment.IssueInterruptibleLotAsync(terms, Interruptible, provider, 1_001));

        // Revoked, the spec issues as a firm lot.
        await market.Provider.Curtailment.RevokeDeclarationAsync(lotId);
        Assert.Null(await market.Provider.Curtailment.GetInterruptibleAsync(lotId));
        Assert.Null(await market.Provider.Curtailment.LiveLotAsync(poolId));
        await market.Provider.Token.IssueLotAsync(terms, provider, 10);
        Assert.Equal(10 * LifecycleScenario.Price, (await market.Provider.Escrow.GetBondAsync(lotId)).Total);
    }

    /// <summary>Terms of a fresh lot in a fresh pool whose window starts in an hour and lasts ten days.</summary>
    private static async Task<(LotTerms Terms, byte[] PoolId)> FreshTermsAsync(MarketSetup market)
    {
        var poolId = RandomNumberGenerator.GetBytes(32);
        await market.Admin.Token.RegisterPoolAsync(poolId, SuiteChain.Accounts.Provider.Address);
        var now = await market.Admin.GetChainTimeAsync();
        var terms = market.Terms with
        {
            PoolId = poolId,
            StartsAt = now.AddHours(1),
            EndsAt = now.AddHours(1).AddDays(10),
            MetadataHash = LotTerms.HashMetadata("{\"interruptible\":\"" + Convert.ToHexString(poolId) + "\"}"),
        };
        return (terms, poolId);
    }

    /// <summary>A quorum report for the pool, observed now, with cumulative curtailed GPU-hours <paramref name="curtailed"/>.</summary>
    private static async Task ReportAsync(MarketSetup market, byte[] poolId, ulong epoch, ulong curtailed)
    {
        var observedAt = (ulong)(await market.Admin.GetChainTimeAsync()).ToUnixTimeSeconds();
        var round = SuiteChain.Accounts.Reporters
            .Select(reporter => (reporter, new UtilizationObservation(8_000, 10_000, 100 * epoch, 500 * epoch, curtailed, observedAt)))
            .ToList();
        await market.Admin.Oracle.ReportRoundAsync(poolId, epoch, round);
    }
}

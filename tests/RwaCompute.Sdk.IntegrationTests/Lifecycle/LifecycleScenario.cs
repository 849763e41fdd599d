using System.Numerics;
using System.Security.Cryptography;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.Oracle;
using Xunit;
using PurchasedEventDTO = RwaCompute.Sdk.Contracts.ComputeMarket.PurchasedEventDTO;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.IntegrationTests.Lifecycle;

/// <summary>
/// The whole lifecycle through the SDK on any chain with the suite deployed: provider and pool, a lot, the
/// allowlist, a bonded issue, a purchase, a pledge repaid, a pledge defaulted and claimed, a redemption confirmed by
/// oracle attestation, a redemption refunded for an SLA breach, the events of it all, and the escrow solvent at the
/// end. Runs on a local anvil process and on anvil in a container.
/// </summary>
public static class LifecycleScenario
{
    public const long Price = 3_000_000; // 3 USDC per GPU-hour

    public static async Task<LifecycleOutcome> RunAsync(SuiteChain chain, CancellationToken cancellationToken = default)
    {
        var accounts = SuiteChain.Accounts;
        var admin = await chain.ConnectAsync(accounts.Admin, cancellationToken: cancellationToken);
        var provider = admin.WithSigner(accounts.Provider);
        var alice = admin.WithSigner(accounts.Alice);
        var bob = admin.WithSigner(accounts.Bob);
        var lender = admin.WithSigner(accounts.Lender);
        var startBlock = await chain.Anvil.BlockNumberAsync(cancellationToken);

        // A fresh pool per run, so the scenario can run twice on one chain.
        var poolId = RandomNumberGenerator.GetBytes(32);
        if (!await admin.Token.IsProviderAsync(accounts.Provider.Address, cancellationToken))
        {
            await admin.Token.RegisterProviderAsync(accounts.Provider.Address, cancellationToken);
        }

        await admin.Token.RegisterPoolAsync(poolId, accounts.Provider.Address, cancellationToken);
        await admin.Token.SetAllowedBatchAsync([accounts.Provider.Address, accounts.Alice.Address, accounts.Bob.Address, accounts.Lender.Address], true, cancellationToken);
        Assert.True(await admin.Token.IsAllowedAsync(accounts.Alice.Address, cancellationToken));

        // Issue: the id the SDK predicts is the id the token assigns.
        var now = await ChainTimeAsync(admin, cancellationToken);
        var terms = new LotTerms
        {
            Provider = accounts.Provider.Address,
            PoolId = poolId,
            GpuModel = "H100-SXM5-80G",
            Region = "eu-west",
            StartsAt = now,
            EndsAt = now.AddDays(30),
            ReferencePrice = Price,
            SlaUptimeBps = 9_900,
            EnergyWhPerGpuHour = 700,
            MetadataHash = LotTerms.HashMetadata("lifecycle lot " + Convert.ToHexString(poolId)),
            Currency = admin.Manifest.StablecoinAddress,
        };
        var providerUsdcBefore = await provider.Stablecoin.BalanceOfAsync(accounts.Provider.Address, cancellationToken);
        var bondTotalsBefore = (await admin.Escrow.GetTotalsAsync(cancellationToken: cancellationToken)).Bonds;
        var issued = await provider.Token.IssueLotAsync(terms, accounts.Provider.Address, 1_000, cancellationToken);
        var lotId = issued.Value;
        Assert.Equal(LotIds.Compute(terms.ToSpec()), lotId);
        Assert.Equal(await admin.Token.Service.LotIdOfQueryAsync(terms.ToSpec(), null, cancellationToken), lotId);
        var lot = await alice.Token.GetLotAsync(lotId, cancellationToken);
        Assert.Equal("H100-SXM5-80G", lot.GpuModel);
        Assert.Equal("eu-west", lot.Region);
        Assert.Equal(1_000UL, lot.UnitsIssued);
        Assert.Equal(terms.EndsAt, lot.EndsAt);
        Assert.Equal(terms.EndsAt, LotIds.EndsAt(lotId));
        Assert.Equal((ushort)10_000, lot.BondCoverageBps);
        Assert.Equal(new BigInteger(Price), lot.UnitCover);
        Assert.Equal(terms.MetadataHash, lot.MetadataHash);
        Assert.Equal(terms.EndsAt, await alice.Token.RedeemableUntilAsync(lotId, cancellationToken));

        // Issuing was bonded: the escrow pulled 1,000 units x 3 USDC from the provider (AutoApprove approved it).
        Assert.Equal(new BondBalance(1_000 * Price, 0), await provider.Escrow.GetBondAsync(lotId, cancellationToken));
        Assert.Equal(providerUsdcBefore - (1_000 * Price), await provider.Stablecoin.BalanceOfAsync(accounts.Provider.Address, cancellationToken));
        Assert.Equal(bondTotalsBefore + (1_000 * Price), (await admin.Escrow.GetTotalsAsync(cancellationToken: cancellationToken)).Bonds);

        // Offer.
        var offerId = (await provider.Market.CreateOfferAsync(lotId, 600, Price, now.AddDays(7), cancellationToken)).Value;
        Assert.Equal(600UL, (await alice.Market.GetOfferAsync(offerId, cancellationToken)).UnitsRemaining);
        Assert.True(await provider.Token.Service.IsApprovedForAllQueryAsync(accounts.Provider.Address, provider.Market.Address, null, cancellationToken));

        // Purchase (DvP): units and stablecoin move together.
        var providerClaimableBefore = await provider.Escrow.ClaimableAsync(accounts.Provider.Address, cancellationToken: cancellationToken);
        await alice.Market.PurchaseAsync(offerId, 400, cancellationToken: cancellationToken);
        Assert.Equal(400, await alice.Token.BalanceOfAsync(accounts.Alice.Address, lotId, cancellationToken));
        Assert.Equal(providerClaimableBefore + (400 * Price), await provider.Escrow.ClaimableAsync(accounts.Provider.Address, cancellationToken: cancellationToken));

        // A plain transfer between allowlisted holders.
        await alice.Token.TransferAsync(accounts.Bob.Address, lotId, 10, cancellationToken);
        Assert.Equal(10, await bob.Token.BalanceOfAsync(accounts.Bob.Address, lotId, cancellationToken));

        // Pledge, fund, repay.
        var maxPrincipal = await alice.Lending.MaxPrincipalAsync(lotId, 100, cancellationToken);
        Assert.Equal(100 * Price / 2, maxPrincipal); // default LTV 50 %
        var pledgeId = (await alice.Lending.RequestPledgeAsync(lotId, 100, accounts.Lender.Address, 120_000_000, 2_000_000, now.AddDays(10), cancellationToken)).Value;
        Assert.Equal(100, await alice.Token.LockedBalanceOfAsync(accounts.Alice.Address, lotId, cancellationToken));
        Assert.Equal(TransferStatus.InsufficientUnlockedBalance, await alice.Token.CanTransferAsync(accounts.Alice.Address, accounts.Bob.Address, lotId, 391, cancellationToken));
        await lender.Lending.FundPledgeAsync(pledgeId, cancellationToken);
        Assert.Equal(PledgeStatus.Active, (await alice.Lending.GetPledgeAsync(pledgeId, cancellationToken)).Status);
        var withdrawn = await alice.Escrow.WithdrawAsync(cancellationToken: cancellationToken);
        Assert.True(withdrawn.Value >= 120_000_000);
        await alice.Lending.RepayAsync(pledgeId, cancellationToken);
        Assert.Equal(PledgeStatus.Repaid, (await alice.Lending.GetPledgeAsync(pledgeId, cancellationToken)).Status);
        Assert.Equal(0, await alice.Token.LockedBalanceOfAsync(accounts.Alice.Address, lotId, cancellationToken));

        // Redeem with delivery attested by the oracle.
        await bob.Market.PurchaseAsync(offerId, 200, cancellationToken: cancellationToken);
        var delivered = (await bob.Escrow.RedeemAsync(lotId, 50, cancellationToken)).Value;
        Assert.Equal(RedemptionStatus.Open, (await bob.Escrow.GetRedemptionAsync(delivered, cancellationToken)).Status);
        Assert.Equal(50 * Price, (await bob.Escrow.GetBondAsync(lotId, cancellationToken)).Reserved);
        await SubmitReportAsync(admin, poolId, 1, uptimeBps: 9_950, deliveredGpuHours: 100, cancellationToken);
        await bob.Escrow.ConfirmDeliveryByOracleAsync(delivered, cancellationToken);
        Assert.Equal(RedemptionStatus.Delivered, (await bob.Escrow.GetRedemptionAsync(delivered, cancellationToken)).Status);

        // Redeem with an SLA breach: refund from the bond.
        var refunded = (await alice.Escrow.RedeemAsync(lotId, 30, cancellationToken)).Value;
        await SubmitReportAsync(admin, poolId, 2, uptimeBps: 9_000, deliveredGpuHours: 140, cancellationToken);
        var aliceClaimable = await alice.Escrow.ClaimableAsync(accounts.Alice.Address, cancellationToken: cancellationToken);
        await alice.Escrow.ClaimRefundAsync(refunded, cancellationToken);
        Assert.Equal(RedemptionStatus.Refunded, (await alice.Escrow.GetRedemptionAsync(refunded, cancellationToken)).Status);
        Assert.Equal(aliceClaimable + (30 * Price), await alice.Escrow.ClaimableAsync(accounts.Alice.Address, cancellationToken: cancellationToken));

        // Oracle reads: the latest report is the median of epoch 2.
        var latest = await bob.Oracle.LatestAsync(poolId, cancellationToken);
        Assert.Equal(2UL, latest.Epoch);
        Assert.Equal((ushort)9_000, latest.UptimeBps);
        Assert.Equal((byte)3, latest.SignerCount);
        Assert.Equal(latest, await bob.Oracle.LatestFreshAsync(poolId, TimeSpan.FromHours(1), cancellationToken));

        // Default: a pledge left unpaid past maturity; the lender claims the units.
        var defaulted = (await alice.Lending.RequestPledgeAsync(lotId, 50, accounts.Lender.Address, 60_000_000, 1_000_000, now.AddDays(20), cancellationToken)).Value;
        await lender.Lending.FundPledgeAsync(defaulted, cancellationToken);
        var lenderUnits = await lender.Token.BalanceOfAsync(accounts.Lender.Address, lotId, cancellationToken);
        await chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(21), cancellationToken);
        await lender.Lending.ClaimCollateralAsync(defaulted, cancellationToken);
        Assert.Equal(PledgeStatus.Claimed, (await lender.Lending.GetPledgeAsync(defaulted, cancellationToken)).Status);
        Assert.Equal(lenderUnits + 50, await lender.Token.BalanceOfAsync(accounts.Lender.Address, lotId, cancellationToken));

        // Events: everything above is queryable by lot, account and pool.
        var range = new Events.BlockRange(startBlock + 1);
        var lotEvents = await bob.Events.ByLotAsync(lotId, range, cancellationToken);
        var names = lotEvents.Select(e => e.Name).ToHashSet();
        foreach (var expected in new[] { "LotCreated", "UnitsIssued", "OfferCreated", "Purchased", "PledgeRequested", "PledgeRepaid", "CollateralClaimed", "RedemptionOpened", "UnitsRedeemed", "BondPosted", "UnitsLocked", "UnitsUnlocked", "UnitsSeized", "DeliveryConfirmed", "RedemptionRefunded" })
        {
            Assert.Contains(expected, names);
        }

        Assert.All(lotEvents, e => Assert.True(e.BlockNumber > startBlock));
        var purchases = lotEvents.Select(e => e.As<PurchasedEventDTO>()).OfType<PurchasedEventDTO>().ToList();
        Assert.Equal([400, 200], purchases.Select(p => (int)p.Units));
        var bondPosted = Assert.Single(lotEvents, e => e.Name == "BondPosted").As<BondPostedEventDTO>()!;
        Assert.Equal(1_000 * Price, bondPosted.Amount);
        Assert.Equal(issued.TransactionHash, Assert.Single(lotEvents, e => e.Name == "BondPosted").TransactionHash);
        var confirmed = Assert.Single(lotEvents, e => e.Name == "DeliveryConfirmed").As<DeliveryConfirmedEventDTO>()!;
        Assert.Equal(delivered, confirmed.RedemptionId);
        Assert.Equal(lotId, confirmed.LotId);
        Assert.Equal(50, confirmed.Units);
        Assert.Equal(50 * Price, confirmed.Amount);
        Assert.True(confirmed.ByOracle);
        Assert.Equal(accounts.Provider.Address, confirmed.Provider, ignoreCase: true);
        var refundEvent = Assert.Single(lotEvents, e => e.Name == "RedemptionRefunded").As<RedemptionRefundedEventDTO>()!;
        Assert.Equal(refunded, refundEvent.RedemptionId);
        Assert.Equal(lotId, refundEvent.LotId);
        Assert.Equal(30, refundEvent.Units);
        Assert.Equal(30 * Price, refundEvent.Amount);
        Assert.True(refundEvent.SlaBreached);
        var aliceEvents = await bob.Events.ByAccountAsync(accounts.Alice.Address, range, cancellationToken);
        Assert.Contains(aliceEvents, e => e.As<PurchasedEventDTO>()?.Buyer.Equals(accounts.Alice.Address, StringComparison.OrdinalIgnoreCase) == true);
        Assert.DoesNotContain(aliceEvents, e => e.As<PurchasedEventDTO>()?.Buyer.Equals(accounts.Bob.Address, StringComparison.OrdinalIgnoreCase) == true);
        var poolEvents = await bob.Events.ByPoolAsync(poolId, range, cancellationToken);
        Assert.Equal(["PoolRegistered", "LotCreated", "ReportSubmitted", "ReportSubmitted"], poolEvents.Select(e => e.Name));
        Assert.NotNull(poolEvents[1].As<LotCreatedEventDTO>());

        // Solvency: what the escrow owes is exactly Σ credits + Σ bonds, and its balance covers it.
        var totals = await bob.Escrow.GetTotalsAsync(cancellationToken: cancellationToken);
        var solvency = await bob.Escrow.GetSolvencyAsync(cancellationToken: cancellationToken);
        Assert.Equal(totals.Credits + totals.Bonds, solvency.Obligations);
        Assert.True(solvency.IsSolvent, $"escrow balance {solvency.Balance} < obligations {solvency.Obligations}");
        Assert.Equal(await bob.Stablecoin.BalanceOfAsync(bob.Escrow.Address, cancellationToken), solvency.Balance);
        Assert.Equal(BigInteger.Zero, (await bob.Escrow.GetBondAsync(lotId, cancellationToken)).Reserved);

        return new LifecycleOutcome(lotId, offerId, pledgeId, defaulted, delivered, refunded, poolId);
    }

    public static async Task SubmitReportAsync(RwaComputeClient client, byte[] poolId, ulong epoch, ushort uptimeBps, ulong deliveredGpuHours, CancellationToken cancellationToken)
    {
        var observedAt = (ulong)(await ChainTimeAsync(client, cancellationToken)).ToUnixTimeSeconds();
        // Reporters disagree a little (cumulative delivered GPU-hours); they all sign the aggregate (the medians).
        var round = SuiteChain.Accounts.Reporters
            .Select((reporter, i) => (reporter, new UtilizationObservation((ushort)(8_000 + (i * 100)), (ushort)(uptimeBps - 10 + (i * 10)), deliveredGpuHours - 1 + (ulong)i, 500 * epoch, 0, observedAt)))
            .ToList();
        await client.Oracle.ReportRoundAsync(poolId, epoch, round, cancellationToken);
    }

    public static async Task<DateTimeOffset> ChainTimeAsync(RwaComputeClient client, CancellationToken cancellationToken)
    {
        var block = await client.Rpc.GetBlockAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest(), cancellationToken);
        return DateTimeOffset.FromUnixTimeSeconds((long)block!.Timestamp.Value);
    }
}

public sealed record LifecycleOutcome(BigInteger LotId, BigInteger OfferId, BigInteger RepaidPledgeId, BigInteger ClaimedPledgeId, BigInteger DeliveredRedemptionId, BigInteger RefundedRedemptionId, byte[] PoolId);

using System.Numerics;
using Nethereum.Web3;
using RwaCompute.Devnet;
using RwaCompute.Devnet.Contracts.MockUSDC;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.IntegrationTests.Lifecycle;
using Xunit;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>
/// Bonded issuance, the pledge timing rules, pledging switched off per lot, settlement pauses and pause cures: each
/// preflight refuses before anything is sent (the signer's nonce and the block number do not move), and what only
/// the contract knows surfaces as its typed error. Tests that move the clock or pause something run inside an anvil
/// snapshot and use clients created for the test only (their nonce caches end with the snapshot).
/// </summary>
public sealed class BondAndPledgeRulesTests : IClassFixture<AnvilSuiteFixture>
{
    private static readonly string Provider = SuiteChain.Accounts.Provider.Address;
    private static readonly string Alice = SuiteChain.Accounts.Alice.Address;
    private readonly AnvilSuiteFixture fixture;

    public BondAndPledgeRulesTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    private SuiteChain Chain => fixture.Chain;

    [Fact]
    public async Task Issue_AllowanceShortAndAutoApproveOff_ThrowsInsufficientBondFundingAndSendsNothing()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        await market.Provider.Stablecoin.ApproveAsync(market.Provider.Escrow.Address, 0);
        var manual = await ConnectWithoutAutoApproveAsync(SuiteChain.Accounts.Provider);
        var newLot = market.Terms with { MetadataHash = LotTerms.HashMetadata("a second lot in the pool") };

        await AssertNothingSentAsync(manual, async () =>
        {
            var first = await Assert.ThrowsAsync<InsufficientBondFundingException>(() => manual.Token.IssueLotAsync(newLot, Provider, 10));
            Assert.Equal(BondFundingLimit.Allowance, first.Limit);
            Assert.Equal(10 * LifecycleScenario.Price, first.Needed);
            Assert.Equal(BigInteger.Zero, first.Available);
            Assert.Equal(manual.Escrow.Address, first.Vault, ignoreCase: true);

            // More units of a lot whose bond already covers its 1,000: the shortfall is the new units' cover only.
            Assert.Equal(5 * LifecycleScenario.Price, (await Assert.ThrowsAsync<InsufficientBondFundingException>(() => manual.Token.IssueAsync(market.LotId, Provider, 5))).Needed);
            Assert.Equal(5 * LifecycleScenario.Price, (await Assert.ThrowsAsync<InsufficientBondFundingException>(() => manual.Token.IssueBatchAsync([market.LotId, market.LotId], Provider, [2, 3]))).Needed);
        });
        Assert.False(await manual.Token.ExistsAsync(LotIds.Compute(newLot.ToSpec())));

        // With the allowance in place the issue goes through and the escrow pulls exactly the shortfall.
        await manual.Stablecoin.ApproveAsync(manual.Escrow.Address, 5 * LifecycleScenario.Price);
        var bondBefore = await manual.Escrow.GetBondAsync(market.LotId);
        var usdcBefore = await manual.Stablecoin.BalanceOfAsync(Provider);
        await manual.Token.IssueAsync(market.LotId, Provider, 5);
        Assert.Equal(bondBefore.Total + (5 * LifecycleScenario.Price), (await manual.Escrow.GetBondAsync(market.LotId)).Total);
        Assert.Equal(usdcBefore - (5 * LifecycleScenario.Price), await manual.Stablecoin.BalanceOfAsync(Provider));
        Assert.Equal(BigInteger.Zero, await manual.Stablecoin.AllowanceAsync(Provider, manual.Escrow.Address));
    }

    [Fact]
    public async Task IssueLot_ProviderWithoutStablecoin_ThrowsBeforeApprovingOrSendingAnything()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var poor = DevnetAccounts.Derive(8);
        if (!await market.Admin.Token.IsProviderAsync(poor.Address))
        {
            await market.Admin.Token.RegisterProviderAsync(poor.Address);
        }

        var pool = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await market.Admin.Token.RegisterPoolAsync(pool, poor.Address);
        await market.Admin.Token.SetAllowedAsync(poor.Address, true);
        var client = market.Admin.WithSigner(poor);
        var terms = market.Terms with { Provider = poor.Address, PoolId = pool };

        await AssertNothingSentAsync(client, async () =>
        {
            var ex = await Assert.ThrowsAsync<InsufficientBondFundingException>(() => client.Token.IssueLotAsync(terms, poor.Address, 1));
            Assert.Equal(BondFundingLimit.Balance, ex.Limit);
            Assert.Equal(new BigInteger(LifecycleScenario.Price), ex.Needed);
            Assert.Equal(BigInteger.Zero, ex.Available);
        });
        Assert.Equal(BigInteger.Zero, await client.Stablecoin.AllowanceAsync(poor.Address, client.Escrow.Address));
    }

    [Fact]
    public async Task IssueLot_ZeroMetadataHashOrCoverageOutOfRange_IsRefusedBeforeSending()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        await AssertNothingSentAsync(market.Provider, async () =>
        {
            var zero = await Assert.ThrowsAsync<InputValidationException>(() => market.Provider.Token.IssueLotAsync(market.Terms with { MetadataHash = new byte[32] }, Provider, 1));
            Assert.Equal(nameof(LotTerms.MetadataHash), zero.ParameterName);
            foreach (ushort coverage in new ushort[] { 0, 10_001 })
            {
                var ex = await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Token.IssueLotAsync(market.Terms with { BondCoverageBps = coverage, MetadataHash = LotTerms.HashMetadata("other") }, Provider, 1));
                Assert.Equal(nameof(LotTerms.BondCoverageBps), ex.ParameterName);
            }
        });
    }

    [Fact]
    public async Task IssueLot_HalfCoverage_BondsAndReservesHalfThePriceRoundedUp()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var terms = market.Terms with { ReferencePrice = 2_500_001, BondCoverageBps = 5_000, MetadataHash = LotTerms.HashMetadata("half-covered lot") };
        var lotId = (await market.Provider.Token.IssueLotAsync(terms, Provider, 10)).Value;

        var lot = await market.Provider.Token.GetLotAsync(lotId);
        Assert.Equal((ushort)5_000, lot.BondCoverageBps);
        Assert.Equal(new BigInteger(1_250_001), lot.UnitCover); // 1,250,000.5 rounded up
        Assert.Equal(new BondBalance(10 * 1_250_001, 0), await market.Provider.Escrow.GetBondAsync(lotId));

        var redemption = (await market.Provider.Escrow.RedeemAsync(lotId, 4)).Value;
        Assert.Equal(new BigInteger(4 * 1_250_001), (await market.Provider.Escrow.GetRedemptionAsync(redemption)).Reserved);
        Assert.Equal(new BigInteger(4 * 1_250_001), (await market.Provider.Escrow.GetBondAsync(lotId)).Reserved);
    }

    [Fact]
    public async Task RequestPledge_MaturityTooSoonOrTooLate_ThrowsBeforeSending_AndTheBoundsAreAccepted()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var rules = await market.Alice.Lending.GetPledgeRulesAsync();
        Assert.Equal(new PledgeRules(TimeSpan.FromDays(1), TimeSpan.FromDays(1), TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromHours(1), TimeSpan.FromDays(1)), rules);
        var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);

        await AssertNothingSentAsync(market.Alice, async () =>
        {
            var soon = await Assert.ThrowsAsync<PledgeMaturityOutOfRangeException>(() => market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, null, 1_000_000, 0, now.AddHours(23)));
            Assert.True(soon.IsTooSoon);
            Assert.True(soon.Earliest >= now.AddDays(1));
            var late = await Assert.ThrowsAsync<PledgeMaturityOutOfRangeException>(() => market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, null, 1_000_000, 0, market.Terms.EndsAt.AddHours(-23)));
            Assert.False(late.IsTooSoon);
            Assert.Equal(market.Terms.EndsAt.AddDays(-1), late.Latest);
        });

        // The latest maturity itself is accepted (the escrow's bound is inclusive).
        var pledge = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, null, 1_000_000, 0, market.Terms.EndsAt.AddDays(-1))).Value;
        Assert.Equal(market.Terms.EndsAt.AddDays(-1), (await market.Alice.Lending.GetPledgeAsync(pledge)).Maturity);
        await market.Alice.Lending.CancelPledgeAsync(pledge);
    }

    [Fact]
    public async Task RequestPledge_LoanToValueZero_ThrowsPledgingDisabled_UntilReset()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
        await market.Admin.Lending.SetLoanToValueAsync(market.LotId, 0);
        Assert.Equal(0, await market.Alice.Lending.LoanToValueAsync(market.LotId));

        await AssertNothingSentAsync(market.Alice, async () =>
            Assert.Equal(market.LotId, (await Assert.ThrowsAsync<PledgingDisabledException>(() => market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, null, 1_000_000, 0, now.AddDays(5)))).LotId));

        var reset = await market.Admin.Lending.ResetLoanToValueAsync(market.LotId);
        var resetEvent = Assert.Single(await market.Admin.Events.ByLotAsync(market.LotId, new Events.BlockRange(reset.BlockNumber, reset.BlockNumber)));
        Assert.Equal("LoanToValueReset", resetEvent.Name);
        Assert.Equal(5_000, await market.Alice.Lending.LoanToValueAsync(market.LotId));
        var pledge = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, null, 1_000_000, 0, now.AddDays(5))).Value;
        await market.Alice.Lending.CancelPledgeAsync(pledge);
    }

    [Fact]
    public async Task RequestPledge_HolderFrozen_ThrowsTransferNotAllowedBeforeSending()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
        await market.Admin.Token.SetFrozenAsync(Alice, true);
        try
        {
            await AssertNothingSentAsync(market.Alice, async () =>
                Assert.Equal(TransferStatus.SenderFrozen, (await Assert.ThrowsAsync<TransferNotAllowedException>(() => market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, null, 1_000_000, 0, now.AddDays(5)))).Status));
        }
        finally
        {
            await market.Admin.Token.SetFrozenAsync(Alice, false);
        }
    }

    [Fact]
    public async Task FundPledge_LaterThanTheMinimumRepayWindowBeforeMaturity_ThrowsPledgeRequestExpired()
    {
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            var market = await MarketSetup.CreateAsync(Chain);
            var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
            var maturity = now.AddDays(2);
            var pledge = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, SuiteChain.Accounts.Lender.Address, 1_000_000, 0, maturity)).Value;
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));

            await AssertNothingSentAsync(market.Lender, async () =>
            {
                var expired = await Assert.ThrowsAsync<PledgeRequestExpiredException>(() => market.Lender.Lending.FundPledgeAsync(pledge));
                Assert.Equal(pledge, expired.PledgeId);
                Assert.Equal(maturity.AddDays(-1), expired.FundBy);
            });
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    [Fact]
    public async Task FundPledge_FunderNotAllowlisted_ThrowsTransferNotAllowedBeforeSending()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
        var pledge = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, null, 1_000_000, 0, now.AddDays(5))).Value;
        var stranger = market.Admin.WithSigner(DevnetAccounts.Derive(9));

        await AssertNothingSentAsync(stranger, async () =>
        {
            var refused = await Assert.ThrowsAsync<TransferNotAllowedException>(() => stranger.Lending.FundPledgeAsync(pledge));
            Assert.Equal(TransferStatus.ReceiverNotAllowed, refused.Status);
            Assert.Equal(Alice, refused.From, ignoreCase: true);
            Assert.Equal(stranger.Account, refused.To, ignoreCase: true);
        });
        await market.Alice.Lending.CancelPledgeAsync(pledge);
    }

    [Fact]
    public async Task Repay_AfterMaturity_WhileTheLenderHasNotClaimed_Succeeds()
    {
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            var market = await MarketSetup.CreateAsync(Chain);
            var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
            var pledge = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, SuiteChain.Accounts.Lender.Address, 1_000_000, 10_000, now.AddDays(2))).Value;
            await market.Lender.Lending.FundPledgeAsync(pledge);
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(3));

            await market.Alice.Lending.RepayAsync(pledge);

            Assert.Equal(PledgeStatus.Repaid, (await market.Alice.Lending.GetPledgeAsync(pledge)).Status);
            Assert.Equal(BigInteger.Zero, await market.Alice.Token.LockedBalanceOfAsync(Alice, market.LotId));
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    [Fact]
    public async Task SettlementPause_KeepsCollateralUnclaimableWhilePausedAndDuringTheCure()
    {
        var snapshot = await Chain.Anvil.SnapshotAsync();
        var usdc = new MockUSDCService(new Web3(SuiteChain.Accounts.Admin.ToAccount(31337), Chain.RpcUrl), Chain.Manifest.StablecoinAddress);
        try
        {
            var market = await MarketSetup.CreateAsync(Chain);
            var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
            var pledge = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, SuiteChain.Accounts.Lender.Address, 1_000_000, 0, now.AddDays(2))).Value;
            await market.Lender.Lending.FundPledgeAsync(pledge);

            // Nothing to record while the stablecoin runs: the simulation refuses, nothing is sent.
            await AssertNothingSentAsync(market.Bob, () => Assert.ThrowsAsync<LendingSettlementNotPausedException>(() => market.Bob.Lending.RecordSettlementPauseAsync()));
            Assert.Null(await market.Bob.Lending.SettlementPauseSeenAtAsync());

            await usdc.SetPausedRequestAndWaitForReceiptAsync(true);
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(3));
            var recorded = await market.Bob.Lending.RecordSettlementPauseAsync();
            var seenAt = await market.Bob.Lending.SettlementPauseSeenAtAsync();
            Assert.NotNull(seenAt);
            Assert.Equal("SettlementPauseRecorded", Assert.Single(await market.Bob.Events.GetAsync(new Events.BlockRange(recorded.BlockNumber, recorded.BlockNumber))).Name);
            await Assert.ThrowsAsync<LendingSettlementPausedException>(() => market.Lender.Lending.ClaimCollateralAsync(pledge));

            await usdc.SetPausedRequestAndWaitForReceiptAsync(false);
            var cure = await Assert.ThrowsAsync<LendingSettlementCureException>(() => market.Lender.Lending.ClaimCollateralAsync(pledge));
            Assert.Equal(new BigInteger(seenAt.Value.AddDays(1).ToUnixTimeSeconds()), cure.Error.CureEnd);

            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
            await market.Lender.Lending.ClaimCollateralAsync(pledge);
            Assert.Equal(PledgeStatus.Claimed, (await market.Lender.Lending.GetPledgeAsync(pledge)).Status);
        }
        finally
        {
            await usdc.SetPausedRequestAndWaitForReceiptAsync(false);
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    [Fact]
    public async Task Redeem_AfterTheWindowInAPauseCure_IsOpenUntilRedeemableUntil()
    {
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            var market = await MarketSetup.CreateAsync(Chain);
            Assert.Equal(market.Terms.EndsAt, await market.Alice.Token.RedeemableUntilAsync(market.LotId));
            await market.Admin.Token.PauseAsync();
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(31));
            Assert.True((await market.Alice.Token.PauseWindowAsync()).IsOngoing);
            Assert.Equal(DateTimeOffset.MaxValue, await market.Alice.Token.RedeemableUntilAsync(market.LotId));

            await market.Admin.Token.UnpauseAsync();
            var window = await market.Alice.Token.PauseWindowAsync();
            Assert.False(window.IsOngoing);
            var until = await market.Alice.Token.RedeemableUntilAsync(market.LotId);
            Assert.Equal(window.UnpausedAt!.Value + await market.Alice.Token.PauseCureAsync(), until);
            Assert.True(until > market.Terms.EndsAt);

            // Past the lot's end, within the cure: redeemable (transfers are not: the lot expired).
            var redemption = (await market.Alice.Escrow.RedeemAsync(market.LotId, 5)).Value;
            Assert.Equal(RedemptionStatus.Open, (await market.Alice.Escrow.GetRedemptionAsync(redemption)).Status);
            await Assert.ThrowsAsync<EscrowBondLockedException>(() => market.Provider.Escrow.WithdrawBondAsync(market.LotId, 1));

            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
            await AssertNothingSentAsync(market.Alice, async () =>
                Assert.Equal(until, (await Assert.ThrowsAsync<RedemptionClosedException>(() => market.Alice.Escrow.RedeemAsync(market.LotId, 1))).RedeemableUntil));
            await market.Provider.Escrow.WithdrawBondAsync(market.LotId, 1);
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    [Fact]
    public async Task ReceiverStatus_AllowlistedContractWithoutErc1155Receiver_IsInvalidReceiver()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var oracle = Chain.Manifest.OracleAddress;
        Assert.Equal(TransferStatus.Ok, await market.Alice.Token.ReceiverStatusAsync(SuiteChain.Accounts.Bob.Address));
        Assert.Equal(TransferStatus.ReceiverNotAllowed, await market.Alice.Token.ReceiverStatusAsync(DevnetAccounts.Derive(9).Address));
        await market.Admin.Token.SetAllowedAsync(oracle, true);
        try
        {
            Assert.Equal(TransferStatus.InvalidReceiver, await market.Alice.Token.ReceiverStatusAsync(oracle));
            await AssertNothingSentAsync(market.Alice, async () =>
                Assert.Equal(TransferStatus.InvalidReceiver, (await Assert.ThrowsAsync<TransferNotAllowedException>(() => market.Alice.Token.TransferAsync(oracle, market.LotId, 1))).Status));
        }
        finally
        {
            await market.Admin.Token.SetAllowedAsync(oracle, false);
        }
    }

    [Fact]
    public async Task BondVault_IsTheEscrow_AndASecondSetIsRefusedBeforeSending()
    {
        var admin = await Chain.ConnectAsync(SuiteChain.Accounts.Admin);
        Assert.Equal(admin.Escrow.Address, await admin.Token.BondVaultAsync(), ignoreCase: true);
        await AssertNothingSentAsync(admin, async () =>
        {
            var again = await Assert.ThrowsAsync<ComputeTokenBondVaultAlreadySetException>(() => admin.Token.SetBondVaultAsync(SuiteChain.Accounts.Bob.Address));
            Assert.Equal(admin.Escrow.Address, again.Error.Vault, ignoreCase: true);
        });
    }

    [Fact]
    public async Task Withdraw_ToTheEscrowItself_IsRefusedBeforeSending()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        await AssertNothingSentAsync(market.Provider, async () =>
            Assert.Equal("to", (await Assert.ThrowsAsync<InputValidationException>(() => market.Provider.Escrow.WithdrawAsync(market.Provider.Escrow.Address))).ParameterName));
    }

    private Task<RwaComputeClient> ConnectWithoutAutoApproveAsync(Wallets.RwaSigner signer) =>
        RwaComputeClient.ConnectAsync(
            new RwaComputeClientOptions
            {
                RpcUrl = new Uri(Chain.RpcUrl),
                AutoApprove = false,
                Transactions = new Transactions.TransactionOptions { InitialPollInterval = TimeSpan.FromMilliseconds(5), MaxPollInterval = TimeSpan.FromMilliseconds(200), ReceiptTimeout = TimeSpan.FromSeconds(60) },
            },
            Chain.Manifest,
            signer);

    private async Task AssertNothingSentAsync(RwaComputeClient client, Func<Task> action)
    {
        var before = await Chain.Anvil.NonceAsync(client.Account!);
        var block = await Chain.Anvil.BlockNumberAsync();
        await action();
        Assert.Equal(before, await Chain.Anvil.NonceAsync(client.Account!));
        Assert.Equal(block, await Chain.Anvil.BlockNumberAsync());
    }
}

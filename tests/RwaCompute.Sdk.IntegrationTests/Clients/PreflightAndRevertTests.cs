using System.Numerics;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.IntegrationTests.Lifecycle;
using Xunit;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>
/// Every typed error path: bad input and failed preflight throw before anything is sent (the signer's nonce does not
/// move), and reverts that only the contract can detect surface as the generated exception with its arguments.
/// </summary>
public sealed class PreflightAndRevertTests : IClassFixture<AnvilSuiteFixture>
{
    private readonly AnvilSuiteFixture fixture;

    public PreflightAndRevertTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    private SuiteChain Chain => fixture.Chain;

    [Fact]
    public async Task Transfer_MalformedOrBadChecksumAddress_ThrowsInvalidAddressAndSendsNothing()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        await AssertNothingSentAsync(market.Alice, async () =>
        {
            var malformed = await Assert.ThrowsAsync<InvalidAddressException>(() => market.Alice.Token.TransferAsync("0x1234", market.LotId, 1));
            Assert.Equal("to", malformed.ParameterName);
            var badChecksum = SuiteChain.Accounts.Bob.Address.Replace('a', 'A').Replace('b', 'B');
            if (badChecksum != SuiteChain.Accounts.Bob.Address)
            {
                Assert.Contains("checksum", (await Assert.ThrowsAsync<InvalidAddressException>(() => market.Alice.Token.TransferAsync(badChecksum, market.LotId, 1))).Message);
            }

            await Assert.ThrowsAsync<InvalidAddressException>(() => market.Alice.Token.TransferAsync("0x0000000000000000000000000000000000000000", market.LotId, 1));
        });
    }

    [Fact]
    public async Task Amounts_NegativeZeroOrOverflowing_ThrowAmountOutOfRangeAndSendNothing()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        await AssertNothingSentAsync(market.Provider, async () =>
        {
            var negative = await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Token.IssueAsync(market.LotId, SuiteChain.Accounts.Alice.Address, -1));
            Assert.Equal("uint48", negative.SolidityType);
            await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Token.IssueAsync(market.LotId, SuiteChain.Accounts.Alice.Address, 0));
            var overflow = await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Token.IssueAsync(market.LotId, SuiteChain.Accounts.Alice.Address, BigInteger.One << 48));
            Assert.Equal((BigInteger.One << 48) - 1, overflow.Maximum);
            await Assert.ThrowsAsync<AmountOutOfRangeException>(() => market.Provider.Market.CreateOfferAsync(market.LotId, 10, BigInteger.One << 96, DateTimeOffset.UtcNow.AddDays(1)));
        });
    }

    [Fact]
    public async Task UnknownLot_ThrowsLotNotFoundAndSendsNothing()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var unknown = market.LotId + 1;
        await AssertNothingSentAsync(market.Alice, async () =>
        {
            Assert.Equal(unknown, (await Assert.ThrowsAsync<LotNotFoundException>(() => market.Alice.Token.TransferAsync(SuiteChain.Accounts.Bob.Address, unknown, 1))).LotId);
            await Assert.ThrowsAsync<LotNotFoundException>(() => market.Alice.Escrow.RedeemAsync(unknown, 1));
            await Assert.ThrowsAsync<LotNotFoundException>(() => market.Alice.Token.GetLotAsync(unknown));
        });
        Assert.False(await market.Alice.Token.ExistsAsync(unknown));
    }

    [Fact]
    public async Task RedeemMoreThanHeld_SaysHowManyCanBeRedeemed_AndSendsNothing()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        await AssertNothingSentAsync(market.Alice, async () =>
        {
            var error = await Assert.ThrowsAsync<TransferNotAllowedException>(() => market.Alice.Escrow.RedeemAsync(market.LotId, 101));
            Assert.Equal($"Cannot redeem 101 unit(s) of lot {LotIds.ToHex(market.LotId)}: {SuiteChain.Accounts.Alice.Address} holds 100, so at most 100 can be redeemed.", error.Message);
        });
    }

    [Fact]
    public async Task UnknownLotRevert_NamesTheLotInHexAsTheCliPrintsIt()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var unknown = market.LotId + 1;
        var revert = await Assert.ThrowsAnyAsync<RwaCompute.Contracts.Runtime.ContractRevertException>(() => market.Provider.Transactions.SendAndWaitAsync(market.Provider.Token.IssueCall(unknown, SuiteChain.Accounts.Bob.Address, 1)));
        Assert.Contains(LotIds.ToHex(unknown), revert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredLot_ThrowsLotExpiredAndSendsNothing()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromDays(31));
            await AssertNothingSentAsync(market.Alice, async () =>
            {
                var expired = await Assert.ThrowsAsync<LotExpiredException>(() => market.Alice.Token.TransferAsync(SuiteChain.Accounts.Bob.Address, market.LotId, 1));
                Assert.Equal(market.Terms.EndsAt, expired.EndsAt);
                var closed = await Assert.ThrowsAsync<RedemptionClosedException>(() => market.Alice.Escrow.RedeemAsync(market.LotId, 1));
                Assert.Equal(market.Terms.EndsAt, closed.RedeemableUntil);
            });
            await Assert.ThrowsAsync<LotExpiredException>(() => market.Provider.Token.IssueLotAsync(market.Terms with { EndsAt = market.Terms.EndsAt.AddDays(-1) }, SuiteChain.Accounts.Provider.Address, 1));
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    [Fact]
    public async Task Transfer_RefusedByCompliance_ThrowsTransferNotAllowedWithTheReasonCode()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var stranger = RwaCompute.Devnet.DevnetAccounts.Derive(9).Address;
        await AssertNothingSentAsync(market.Alice, async () =>
        {
            var notAllowed = await Assert.ThrowsAsync<TransferNotAllowedException>(() => market.Alice.Token.TransferAsync(stranger, market.LotId, 1));
            Assert.Equal(TransferStatus.ReceiverNotAllowed, notAllowed.Status);
            var tooMuch = await Assert.ThrowsAsync<TransferNotAllowedException>(() => market.Alice.Token.TransferAsync(SuiteChain.Accounts.Bob.Address, market.LotId, 101));
            Assert.Equal(TransferStatus.InsufficientUnlockedBalance, tooMuch.Status);
        });

        await market.Admin.Token.SetFrozenAsync(SuiteChain.Accounts.Alice.Address, true);
        try
        {
            Assert.Equal(TransferStatus.SenderFrozen, (await Assert.ThrowsAsync<TransferNotAllowedException>(() => market.Alice.Token.TransferAsync(SuiteChain.Accounts.Bob.Address, market.LotId, 1))).Status);
        }
        finally
        {
            await market.Admin.Token.SetFrozenAsync(SuiteChain.Accounts.Alice.Address, false);
        }

        await market.Admin.Token.PauseAsync();
        try
        {
            Assert.True(await market.Alice.Token.IsPausedAsync());
            Assert.Equal(TransferStatus.Paused, (await Assert.ThrowsAsync<TransferNotAllowedException>(() => market.Alice.Token.TransferAsync(SuiteChain.Accounts.Bob.Address, market.LotId, 1))).Status);
        }
        finally
        {
            await market.Admin.Token.UnpauseAsync();
        }

        await market.Alice.Token.TransferAsync(SuiteChain.Accounts.Bob.Address, market.LotId, 1);
    }

    [Fact]
    public async Task Purchase_ByBuyerNotAllowlisted_ThrowsTransferNotAllowedBeforeApprovingAnything()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
        var offerId = (await market.Provider.Market.CreateOfferAsync(market.LotId, 10, LifecycleScenario.Price, now.AddDays(1))).Value;
        await market.Admin.Token.SetAllowedAsync(SuiteChain.Accounts.Bob.Address, false);
        try
        {
            await AssertNothingSentAsync(market.Bob, async () =>
                Assert.Equal(TransferStatus.ReceiverNotAllowed, (await Assert.ThrowsAsync<TransferNotAllowedException>(() => market.Bob.Market.PurchaseAsync(offerId, 1))).Status));
        }
        finally
        {
            await market.Admin.Token.SetAllowedAsync(SuiteChain.Accounts.Bob.Address, true);
        }
    }

    [Fact]
    public async Task Reverts_OnlyTheContractDetects_SurfaceAsTypedCustomErrorsWithArguments()
    {
        var market = await MarketSetup.CreateAsync(Chain);

        // Token: the caller is not a registered provider.
        var notProvider = await Assert.ThrowsAsync<ComputeTokenNotProviderException>(() =>
            market.Alice.Token.IssueLotAsync(market.Terms with { Provider = SuiteChain.Accounts.Alice.Address, EndsAt = market.Terms.EndsAt.AddDays(1) }, SuiteChain.Accounts.Alice.Address, 1));
        Assert.Equal(SuiteChain.Accounts.Alice.Address, notProvider.Error.Account, StringComparer.OrdinalIgnoreCase);

        // Token: a role the caller lacks (OpenZeppelin's AccessControl error, with both arguments).
        var unauthorized = await Assert.ThrowsAsync<RwaCompute.Sdk.Contracts.ComputeCapacityToken.AccessControlUnauthorizedAccountException>(() => market.Alice.Token.PauseAsync());
        Assert.Equal(SuiteChain.Accounts.Alice.Address, unauthorized.Error.Account, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(Roles.Id("PAUSER_ROLE"), unauthorized.Error.NeededRole);

        // Escrow: a pledge funded by a lender it does not name.
        var now = await LifecycleScenario.ChainTimeAsync(market.Admin, default);
        var pledgeId = (await market.Alice.Lending.RequestPledgeAsync(market.LotId, 10, SuiteChain.Accounts.Lender.Address, 1_000_000, 0, now.AddDays(5))).Value;
        var wrongLender = await Assert.ThrowsAsync<LendingNotDesignatedLenderException>(() => market.Bob.Lending.FundPledgeAsync(pledgeId));
        Assert.Equal(SuiteChain.Accounts.Bob.Address, wrongLender.Error.Caller, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(pledgeId, wrongLender.Error.PledgeId);

        // Escrow: claiming collateral before maturity.
        await market.Lender.Lending.FundPledgeAsync(pledgeId);
        var early = await Assert.ThrowsAsync<LendingPledgeNotMaturedException>(() => market.Lender.Lending.ClaimCollateralAsync(pledgeId));
        Assert.Equal(pledgeId, early.Error.PledgeId);

        // Escrow: the provider's bond stays locked while the lot can be redeemed.
        var locked = await Assert.ThrowsAsync<EscrowBondLockedException>(() => market.Provider.Escrow.WithdrawBondAsync(market.LotId, 1));
        Assert.Equal(market.LotId, locked.Error.LotId);
        Assert.Equal((ulong)market.Terms.EndsAt.ToUnixTimeSeconds(), (ulong)locked.Error.UnlocksAt);

        // Oracle: no report for the pool yet, and a stale one.
        Assert.Equal(market.PoolId, (await Assert.ThrowsAsync<OracleNoReportException>(() => market.Alice.Oracle.LatestAsync(market.PoolId))).Error.PoolId);
        await LifecycleScenario.SubmitReportAsync(market.Admin, market.PoolId, 1, 9_950, 10, default);
        var snapshot = await Chain.Anvil.SnapshotAsync();
        try
        {
            await Chain.Anvil.IncreaseTimeAsync(TimeSpan.FromHours(2));
            var stale = await Assert.ThrowsAsync<OracleStaleReportException>(() => market.Alice.Oracle.LatestFreshAsync(market.PoolId, TimeSpan.FromHours(1)));
            Assert.Equal(3600, stale.Error.MaxAge);
        }
        finally
        {
            await Chain.Anvil.RevertAsync(snapshot);
        }
    }

    [Fact]
    public async Task ForcedTransfer_ByRecoveryAgent_MovesUnitsEvenFromAFrozenHolder_AndIsRefusedToOthers()
    {
        var market = await MarketSetup.CreateAsync(Chain);
        var alice = SuiteChain.Accounts.Alice.Address;
        var bob = SuiteChain.Accounts.Bob.Address;
        await market.Admin.Token.SetFrozenAsync(alice, true);
        try
        {
            var bobBefore = await market.Admin.Token.BalanceOfAsync(bob, market.LotId);
            var result = await market.Admin.Token.ForcedTransferAsync(alice, bob, market.LotId, 40);
            Assert.Equal(60, await market.Admin.Token.BalanceOfAsync(alice, market.LotId));
            Assert.Equal(bobBefore + 40, await market.Admin.Token.BalanceOfAsync(bob, market.LotId));
            var forced = Assert.Single(await market.Admin.Events.ByLotAsync(market.LotId, new Events.BlockRange(result.BlockNumber, result.BlockNumber)), e => e.Name == "ForcedTransfer");
            Assert.Equal(40, forced.As<ForcedTransferEventDTO>()!.Units);

            var denied = await Assert.ThrowsAsync<RwaCompute.Sdk.Contracts.ComputeCapacityToken.AccessControlUnauthorizedAccountException>(() => market.Bob.Token.ForcedTransferAsync(alice, bob, market.LotId, 1));
            Assert.Equal(Roles.Id("RECOVERY_ROLE"), denied.Error.NeededRole);
        }
        finally
        {
            await market.Admin.Token.SetFrozenAsync(alice, false);
        }
    }

    [Fact]
    public async Task Connect_ManifestOfAnotherChain_ThrowsChainIdMismatch()
    {
        var wrong = Chain.Manifest with { ChainId = 1 };
        var mismatch = await Assert.ThrowsAsync<ChainIdMismatchException>(() => RwaComputeClient.ConnectAsync(new RwaComputeClientOptions { RpcUrl = new Uri(Chain.RpcUrl) }, wrong, SuiteChain.Accounts.Alice));
        Assert.Equal(1, mismatch.Expected);
        Assert.Equal(31337, mismatch.Actual);
    }

    [Fact]
    public async Task Connect_ManifestWhoseContractsHaveNoCode_ThrowsManifestException()
    {
        var contracts = new Dictionary<string, ContractDeployment>(Chain.Manifest.Contracts)
        {
            [ManifestContractNames.Escrow] = Chain.Manifest.Contracts[ManifestContractNames.Escrow] with { Address = "0x000000000000000000000000000000000000dEaD" },
        };
        var error = await Assert.ThrowsAsync<ManifestException>(() => RwaComputeClient.ConnectAsync(new RwaComputeClientOptions { RpcUrl = new Uri(Chain.RpcUrl) }, Chain.Manifest with { Contracts = contracts }, null));
        Assert.Contains("ComputeEscrow", error.Message);
    }

    [Fact]
    public async Task ReadOnlyClient_Send_ThrowsSignerExceptionWithoutSecrets()
    {
        var reader = await Chain.ConnectAsync(null);
        Assert.Null(reader.Account);
        var error = await Assert.ThrowsAsync<SignerException>(() => reader.Token.SetAllowedAsync(SuiteChain.Accounts.Bob.Address, true));
        Assert.Contains("read-only", error.Message);
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

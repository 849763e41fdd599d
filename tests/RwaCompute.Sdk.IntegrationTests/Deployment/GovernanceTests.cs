using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Devnet;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.SuiteTimelock;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Deployment;

/// <summary>
/// The admin hand-over (issue 9): the deployer begins it (<c>governance</c> in deploy.json), the new admin — an account
/// or a SuiteTimelock — accepts after the contracts' admin delay. Every refused step throws a typed exception before
/// anything is sent.
/// </summary>
public sealed class GovernanceTests
{
    /// <summary>Token, oracle, escrow, market, lending, curtailment, ESCROW_ROLE, COLLATERAL_ROLE, MARKET_ROLE,
    /// LENDING_ROLE, setBondVault, setCurtailmentModule, REGISTRAR_ROLE, one beginDefaultAdminTransfer per contract with
    /// an admin (the curtailment module has none), then the deployer renouncing the market's and the lending module's
    /// RISK_ROLE.</summary>
    private const int HandoverSteps = 20;

    private static readonly DevnetAccounts Accounts = DevnetAccounts.Standard;

    [Fact]
    public async Task HandoverToAnAccount_PendingUntilTheDelayPassesThenAcceptedOnAllFive()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var bob = Accounts.Bob; // DeploymentChain.Operator
        var before = await chain.NonceAsync();
        var steps = new List<DeploymentStep>();

        var manifest = await chain.Deployer().DeployAsync(chain.GovernedConfig(bob.Address, 3600), new SynchronousProgress(steps.Add));

        Assert.Equal(before + HandoverSteps, await chain.NonceAsync());
        Assert.Equal("3600", manifest.Contracts[ManifestContractNames.Token].ConstructorArguments[1]);
        Assert.Equal("3600", manifest.Contracts[ManifestContractNames.Oracle].ConstructorArguments[1]);
        Assert.Equal("3600", manifest.Contracts[ManifestContractNames.Escrow].ConstructorArguments[1]);
        Assert.Equal("3600", manifest.Contracts[ManifestContractNames.Market].ConstructorArguments[1]);
        Assert.Equal("3600", manifest.Contracts[ManifestContractNames.Lending].ConstructorArguments[1]);
        Assert.Null(manifest.TimelockAddress);
        Assert.Equal(
            ManifestContractNames.Administered.Select(c => $"beginDefaultAdminTransfer:{c}:{bob.Address}"),
            steps.Where(s => s.State == DeploymentStepState.Completed && s.Name.StartsWith(SuiteDeployer.BeginAdminTransferStep, StringComparison.Ordinal)).Select(s => s.Name));

        var reader = await chain.ConnectAsync(manifest);
        var begun = await chain.Rpc.BlockNumberAsync();
        var beganAt = DateTimeOffset.FromUnixTimeSeconds((long)(await chain.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new Nethereum.Hex.HexTypes.HexBigInteger(begun))).Timestamp.Value);
        var states = await reader.Governance.GetAdminStatesAsync();
        Assert.Equal(ManifestContractNames.Administered, states.Select(s => s.Contract));
        Assert.All(states, state =>
        {
            Assert.Equal(DeploymentChain.Admin, state.Admin);
            Assert.Equal(bob.Address, state.PendingAdmin);
            Assert.Equal(3600UL, state.DelaySeconds);
            Assert.True(state.PendingSchedule >= beganAt.AddSeconds(3600 - 5) && state.PendingSchedule <= beganAt.AddSeconds(3600));
            Assert.False(state.IsAcceptableAt(beganAt));
        });

        // Before the delay: typed error, nothing sent.
        var asBob = reader.WithSigner(bob);
        var bobNonce = await chain.NonceAsync(bob.Address);
        var early = await Assert.ThrowsAsync<AdminDelayNotElapsedException>(() => asBob.Governance.AcceptAdminAsync());
        Assert.Equal(ManifestContractNames.Token, early.Contract);
        Assert.Equal(states[0].PendingSchedule, early.Schedule);
        Assert.Equal(bobNonce, await chain.NonceAsync(bob.Address));

        // Someone else: typed error, nothing sent.
        var alice = Accounts.Alice;
        var aliceNonce = await chain.NonceAsync(alice.Address);
        var stranger = await Assert.ThrowsAsync<NotPendingAdminException>(() => reader.WithSigner(alice).Governance.AcceptAdminAsync());
        Assert.Equal(bob.Address, stranger.PendingAdmin);
        Assert.Equal(aliceNonce, await chain.NonceAsync(alice.Address));

        await chain.TravelAsync(TimeSpan.FromSeconds(3601));
        var accepted = await asBob.Governance.AcceptAdminAsync();

        Assert.All(accepted, a => Assert.NotNull(a.Transaction));
        Assert.Equal(bobNonce + 5, await chain.NonceAsync(bob.Address));
        foreach (var state in await reader.Governance.GetAdminStatesAsync())
        {
            Assert.Equal(bob.Address, state.Admin);
            Assert.Null(state.PendingAdmin);
            Assert.Null(state.PendingSchedule);
            Assert.False(await new ComputeCapacityTokenService(chain.Web3, state.Address).HasRoleQueryAsync(new byte[32], DeploymentChain.Admin));
        }

        // The deploying key keeps no role at all: the market's and the lending module's constructors made it risk
        // manager, the deployment renounced that along with the hand-over.
        foreach (var name in (string[])[ManifestContractNames.Market, ManifestContractNames.Lending])
        {
            var address = manifest.Contracts[name].Address;
            Assert.False(await new ComputeCapacityTokenService(chain.Web3, address).HasRoleQueryAsync(Roles.Id("RISK_ROLE"), DeploymentChain.Admin));
        }

        // Accepting again and re-running the deployment: nothing left to send.
        Assert.All(await asBob.Governance.AcceptAdminAsync(), a => Assert.Null(a.Transaction));
        Assert.Equal(bobNonce + 5, await chain.NonceAsync(bob.Address));
        var deployerNonce = await chain.NonceAsync();
        await chain.Deployer().DeployAsync(chain.GovernedConfig(bob.Address, 3600));
        Assert.Equal(deployerNonce, await chain.NonceAsync());
    }

    [Fact]
    public async Task AcceptAdminAsync_AfterAnInterruptedRun_AcceptsOnlyWhatIsLeft()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var bob = Accounts.Bob;
        var manifest = await chain.Deployer().DeployAsync(chain.GovernedConfig(bob.Address, 60));
        await chain.TravelAsync(TimeSpan.FromSeconds(61));
        var asBob = (await chain.ConnectAsync(manifest)).WithSigner(bob);

        // A first run that stopped after the token.
        await asBob.Transactions.SendAndWaitAsync(Transactions.TransactionCall.For(manifest.TokenAddress, new AcceptDefaultAdminTransferFunction(), "token.acceptDefaultAdminTransfer()"));
        var nonce = await chain.NonceAsync(bob.Address);

        var accepted = await asBob.Governance.AcceptAdminAsync();

        Assert.Null(accepted[0].Transaction);
        Assert.NotNull(accepted[1].Transaction);
        Assert.NotNull(accepted[2].Transaction);
        Assert.NotNull(accepted[3].Transaction);
        Assert.NotNull(accepted[4].Transaction);
        Assert.Equal(nonce + 4, await chain.NonceAsync(bob.Address));
        Assert.All(await asBob.Governance.GetAdminStatesAsync(), s => Assert.Equal(bob.Address, s.Admin));

        // The admin moves only in two steps: a direct grant is refused before sending.
        await Assert.ThrowsAsync<InputValidationException>(() => asBob.Token.GrantRoleAsync(Roles.DefaultAdmin, Accounts.Alice.Address));
        Assert.Equal(nonce + 4, await chain.NonceAsync(bob.Address));
    }

    [Fact]
    public async Task HandoverToATimelock_ScheduledThenExecutedAfterTheDelay_TimelockIsAdmin()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var before = await chain.NonceAsync();

        var manifest = await chain.Deployer().DeployAsync(chain.TimelockedConfig);

        Assert.Equal(before + HandoverSteps + 1, await chain.NonceAsync());
        var timelock = Assert.IsType<string>(manifest.TimelockAddress);
        var entry = manifest.Contracts[ManifestContractNames.Timelock];
        Assert.NotNull(entry.TransactionHash);
        Assert.Equal(["60", $"[{DeploymentChain.Operator}]", $"[{DeploymentChain.Operator}]", "0x0000000000000000000000000000000000000000"], entry.ConstructorArguments);
        Assert.Equal(manifest.ToJson(), (await chain.Deployer().VerifyAsync(manifest)).ToJson());
        var service = new SuiteTimelockService(chain.Web3, timelock);
        Assert.Equal(60, (int)await service.GetMinDelayQueryAsync());
        Assert.True(await service.HasRoleQueryAsync(Roles.Id("PROPOSER_ROLE"), DeploymentChain.Operator));
        Assert.True(await service.HasRoleQueryAsync(Roles.Id("EXECUTOR_ROLE"), DeploymentChain.Operator));
        Assert.False(await service.HasRoleQueryAsync(new byte[32], DeploymentChain.Admin), "self-administered: the deployer has no say");

        var reader = await chain.ConnectAsync(manifest);
        Assert.All(await reader.Governance.GetAdminStatesAsync(), s => Assert.Equal(timelock, s.PendingAdmin));

        // The operation id computed off-chain is the timelock's own.
        var batch = reader.Governance.AcceptAdminBatch();
        var onChain = await service.HashOperationBatchQueryAsync([.. batch.Targets], [.. batch.Values], [.. batch.Payloads], batch.Predecessor, batch.Salt);
        Assert.Equal(batch.OperationId, onChain.ToHex(true));
        Assert.Equal(OperationState.Unset, (await reader.Governance.GetAcceptAdminOperationAsync()).State);

        // A non-proposer cannot schedule; nothing can be executed before it is scheduled.
        var alice = reader.WithSigner(Accounts.Alice);
        var aliceNonce = await chain.NonceAsync(Accounts.Alice.Address);
        var role = await Assert.ThrowsAsync<TimelockRoleMissingException>(() => alice.Governance.ScheduleAcceptAdminAsync());
        Assert.Equal("PROPOSER_ROLE", role.Role);
        Assert.Equal(aliceNonce, await chain.NonceAsync(Accounts.Alice.Address));
        var bob = reader.WithSigner(Accounts.Bob);
        var bobNonce = await chain.NonceAsync(Accounts.Bob.Address);
        var unscheduled = await Assert.ThrowsAsync<TimelockOperationNotReadyException>(() => bob.Governance.ExecuteAcceptAdminAsync());
        Assert.Equal(OperationState.Unset, unscheduled.Operation.State);
        Assert.Equal(bobNonce, await chain.NonceAsync(Accounts.Bob.Address));

        var scheduled = await bob.Governance.ScheduleAcceptAdminAsync();

        Assert.Equal(TimelockAction.Scheduled, scheduled.Action);
        Assert.Equal(OperationState.Waiting, scheduled.Operation.State);
        Assert.NotNull(scheduled.Transaction);
        Assert.Equal(TimelockAction.None, (await bob.Governance.ScheduleAcceptAdminAsync()).Action);
        var waiting = await Assert.ThrowsAsync<TimelockOperationNotReadyException>(() => bob.Governance.ExecuteAcceptAdminAsync());
        Assert.Equal(scheduled.Operation.ReadyAt, waiting.ReadyAt);
        await Assert.ThrowsAsync<TimelockOperationNotReadyException>(() => bob.Governance.AdvanceAcceptAdminAsync());
        Assert.Equal(bobNonce + 1, await chain.NonceAsync(Accounts.Bob.Address));

        await chain.TravelAsync(TimeSpan.FromSeconds(61));
        var executed = await bob.Governance.AdvanceAcceptAdminAsync();

        Assert.Equal(TimelockAction.Executed, executed.Action);
        Assert.Equal(OperationState.Done, executed.Operation.State);
        foreach (var state in await reader.Governance.GetAdminStatesAsync())
        {
            Assert.Equal(timelock, state.Admin);
            Assert.Null(state.PendingAdmin);
        }

        Assert.Equal(TimelockAction.None, (await bob.Governance.AdvanceAcceptAdminAsync()).Action);
        Assert.Equal(TimelockAction.None, (await bob.Governance.ExecuteAcceptAdminAsync()).Action);
        Assert.Equal(bobNonce + 2, await chain.NonceAsync(Accounts.Bob.Address));
    }

    [Fact]
    public async Task ExecuteAcceptAdminAsync_TimelockReadyButAdminDelayLonger_ThrowsAdminDelayNotElapsed()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var config = chain.TimelockedConfig with { AdminDelaySeconds = 600 };
        var manifest = await chain.Deployer().DeployAsync(config);
        var bob = (await chain.ConnectAsync(manifest)).WithSigner(Accounts.Bob);
        await bob.Governance.ScheduleAcceptAdminAsync();
        await chain.TravelAsync(TimeSpan.FromSeconds(61));
        var nonce = await chain.NonceAsync(Accounts.Bob.Address);

        var error = await Assert.ThrowsAsync<AdminDelayNotElapsedException>(() => bob.Governance.ExecuteAcceptAdminAsync());

        Assert.Equal(ManifestContractNames.Token, error.Contract);
        Assert.Equal(nonce, await chain.NonceAsync(Accounts.Bob.Address));
    }

    [Fact]
    public async Task DeployAsync_DeployerNoLongerAdmin_RefusesToBeginAnotherHandover()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var manifest = await chain.Deployer().DeployAsync(chain.GovernedConfig(Accounts.Bob.Address, 60));
        await chain.TravelAsync(TimeSpan.FromSeconds(61));
        await (await chain.ConnectAsync(manifest)).WithSigner(Accounts.Bob).Governance.AcceptAdminAsync();
        var nonce = await chain.NonceAsync();

        var error = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().DeployAsync(chain.GovernedConfig(Accounts.Alice.Address, 60)));

        Assert.Equal(ManifestContractNames.Token, error.Contract);
        Assert.Contains(Accounts.Bob.Address, error.Message, StringComparison.Ordinal);
        Assert.Equal(nonce, await chain.NonceAsync());
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Deployment;

public sealed class SuiteDeployerTests
{
    private const int TransactionSteps = 13; // token, oracle, escrow, market, lending, curtailment, ESCROW_ROLE, COLLATERAL_ROLE, MARKET_ROLE, LENDING_ROLE, setBondVault, setCurtailmentModule, REGISTRAR_ROLE

    [Fact]
    public async Task DeployAsync_FreshChain_WritesACompleteManifest()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var before = await chain.NonceAsync();

        var manifest = await chain.Deployer().DeployAsync(chain.Config);

        Assert.Equal(before + TransactionSteps, await chain.NonceAsync());
        Assert.True(manifest.IsComplete);
        Assert.Equal(31337, manifest.ChainId);
        Assert.Equal(DeploymentChain.Admin, manifest.Deployer);
        Assert.Equal(["ComputeCapacityToken", "UtilizationOracle", "ComputeEscrow", "ComputeMarket", "ComputeLending", "ComputeCurtailment", "Stablecoin"], manifest.Contracts.Keys);
        foreach (var name in ManifestContractNames.Deployed)
        {
            var contract = manifest.Contracts[name];
            Assert.False(contract.External);
            Assert.NotNull(contract.TransactionHash);
            Assert.NotNull(contract.BlockNumber);
            var code = await chain.Web3.Eth.GetCode.SendRequestAsync(contract.Address);
            Assert.Equal(Sha3Keccack.Current.CalculateHash(code.HexToByteArray()).ToHex(true), contract.RuntimeCodeHash);
        }

        var stablecoin = manifest.Contracts[ManifestContractNames.Stablecoin];
        Assert.True(stablecoin.External);
        Assert.Equal(chain.Stablecoin, stablecoin.Address, ignoreCase: true);
        Assert.Equal(["ESCROW_ROLE", "COLLATERAL_ROLE", "MARKET_ROLE", "LENDING_ROLE", "REGISTRAR_ROLE"], manifest.Roles.Select(r => r.Role));
        Assert.Equal(manifest.LendingAddress, manifest.Roles[1].Account, ignoreCase: true);
        Assert.Equal(manifest.MarketAddress, manifest.Roles[2].Account, ignoreCase: true);
        Assert.Equal(manifest.LendingAddress, manifest.Roles[3].Account, ignoreCase: true);
        Assert.All(manifest.Roles, r => Assert.NotNull(r.TransactionHash));
        Assert.Equal([DeploymentChain.Reporter1, DeploymentChain.Reporter2], manifest.Oracle!.Reporters);

        var token = new ComputeCapacityTokenService(chain.Web3, manifest.TokenAddress);
        Assert.True(await token.HasRoleQueryAsync(await token.EscrowRoleQueryAsync(), manifest.EscrowAddress));
        Assert.True(await token.HasRoleQueryAsync(await token.CollateralRoleQueryAsync(), manifest.LendingAddress));
        Assert.False(await token.HasRoleQueryAsync(await token.CollateralRoleQueryAsync(), manifest.EscrowAddress));
        Assert.True(await token.HasRoleQueryAsync(await token.RegistrarRoleQueryAsync(), DeploymentChain.Operator));
        Assert.True(await token.HasRoleQueryAsync(new byte[32], DeploymentChain.Admin));
        Assert.Equal(manifest.EscrowAddress, await token.BondVaultQueryAsync(), ignoreCase: true);
        var escrow = new RwaCompute.Sdk.Contracts.ComputeEscrow.ComputeEscrowService(chain.Web3, manifest.EscrowAddress);
        Assert.Equal(manifest.CurtailmentAddress, await escrow.CurtailmentModuleQueryAsync(), ignoreCase: true);

        var saved = await DeploymentManifest.LoadAsync(chain.ManifestPath);
        Assert.Equal(manifest.ToJson(), saved.ToJson());
        var journal = await File.ReadAllLinesAsync(chain.JournalPath);
        Assert.Equal(TransactionSteps, journal.Count(line => line.Contains("\"state\":\"sent\"", StringComparison.Ordinal)));
        Assert.Equal(TransactionSteps, journal.Count(line => line.Contains("\"state\":\"done\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DeployAsync_SendsThroughTheSdkPipeline_OneTransactionPerStep()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var logs = new PipelineLog();
        var deployer = new SuiteDeployer(chain.Web3, chain.Directory, logs) { ReceiptTimeout = TimeSpan.FromSeconds(20) };

        await deployer.DeployAsync(chain.Config);

        // The SDK's TransactionSender logs each broadcast with its sending account; the old Web3 path never did.
        Assert.Equal(TransactionSteps, logs.Messages.Count(m => m.StartsWith("Sent ", StringComparison.Ordinal) && m.Contains(" from ", StringComparison.Ordinal)));
    }

    private sealed class PipelineLog : Microsoft.Extensions.Logging.ILogger<SuiteDeployer>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages)
            {
                Messages.Add(formatter(state, exception));
            }
        }
    }

    [Fact]
    public async Task DeployAsync_Addresses_EqualTheCreate2FormulaComputedIndependently()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var config = chain.Config;

        var manifest = await chain.Deployer().DeployAsync(config);

        var abi = new ABIEncode();
        var tokenInit = ComputeCapacityTokenDeployment.DefaultByteCode.HexToByteArray()
            .Concat(abi.GetABIEncoded(new ABIValue("address", DeploymentChain.Admin), new ABIValue("uint48", config.AdminDelaySeconds), new ABIValue("string", config.BaseUri))).ToArray();
        var oracleInit = UtilizationOracleDeployment.DefaultByteCode.HexToByteArray()
            .Concat(abi.GetABIEncoded(
                new ABIValue("address", DeploymentChain.Admin),
                new ABIValue("uint48", config.AdminDelaySeconds),
                new ABIValue("address[]", new List<string> { DeploymentChain.Reporter1, DeploymentChain.Reporter2 }),
                new ABIValue("uint8", (byte)2),
                new ABIValue("uint64", 86400UL))).ToArray();
        var tokenAddress = Create2("ComputeCapacityToken", tokenInit, config.Salt);
        var oracleAddress = Create2("UtilizationOracle", oracleInit, config.Salt);
        var escrowInit = ComputeEscrowDeployment.DefaultByteCode.HexToByteArray()
            .Concat(abi.GetABIEncoded(
                new ABIValue("address", DeploymentChain.Admin),
                new ABIValue("uint48", config.AdminDelaySeconds),
                new ABIValue("address", tokenAddress),
                new ABIValue("address", chain.Stablecoin),
                new ABIValue("address", oracleAddress),
                new ABIValue("uint40", 604800UL))).ToArray();
        var escrowAddress = Create2("ComputeEscrow", escrowInit, config.Salt);
        var lendingInit = ComputeLendingDeployment.DefaultByteCode.HexToByteArray()
            .Concat(abi.GetABIEncoded(
                new ABIValue("address", DeploymentChain.Admin),
                new ABIValue("uint48", config.AdminDelaySeconds),
                new ABIValue("address", escrowAddress),
                new ABIValue("uint16", (ushort)5000))).ToArray();

        Assert.Equal(tokenAddress, manifest.TokenAddress, ignoreCase: true);
        Assert.Equal(oracleAddress, manifest.OracleAddress, ignoreCase: true);
        Assert.Equal(escrowAddress, manifest.EscrowAddress, ignoreCase: true);
        Assert.Equal(Create2("ComputeLending", lendingInit, config.Salt), manifest.LendingAddress, ignoreCase: true);
        Assert.Equal(Sha3Keccack.Current.CalculateHash(tokenInit).ToHex(true), manifest.Contracts[ManifestContractNames.Token].CreationCodeHash);
        Assert.Equal(Sha3Keccack.Current.CalculateHash(escrowInit).ToHex(true), manifest.Contracts[ManifestContractNames.Escrow].CreationCodeHash);
        Assert.Equal(Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes("rwacompute-v1:ComputeEscrow")).ToHex(true), manifest.Contracts[ManifestContractNames.Escrow].Salt);
    }

    [Fact]
    public async Task DeployAsync_ReRun_SendsNothingAndKeepsTheManifest()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var first = await chain.Deployer().DeployAsync(chain.Config);
        var nonce = await chain.NonceAsync();
        var steps = new List<DeploymentStep>();

        var second = await chain.Deployer().DeployAsync(chain.Config, new SynchronousProgress(steps.Add));

        Assert.Equal(nonce, await chain.NonceAsync());
        Assert.Equal(first.ToJson(), second.ToJson());
        Assert.DoesNotContain(steps, s => s.State is DeploymentStepState.Sent or DeploymentStepState.Completed && s.Name != SuiteDeployer.CheckChainStep);
        Assert.Equal(TransactionSteps, steps.Count(s => s.State == DeploymentStepState.Skipped));
    }

    [Fact]
    public async Task DeployAsync_ManifestAndJournalLost_AdoptsTheContractsWithoutSending()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var first = await chain.Deployer().DeployAsync(chain.Config);
        File.Delete(chain.ManifestPath);
        File.Delete(chain.JournalPath);
        var nonce = await chain.NonceAsync();

        var adopted = await chain.Deployer().DeployAsync(chain.Config);

        Assert.Equal(nonce, await chain.NonceAsync());
        Assert.Equal(first.TokenAddress, adopted.TokenAddress);
        Assert.Equal(first.EscrowAddress, adopted.EscrowAddress);
        Assert.Equal(first.Contracts[ManifestContractNames.Escrow].RuntimeCodeHash, adopted.Contracts[ManifestContractNames.Escrow].RuntimeCodeHash);
        Assert.Equal(5, adopted.Roles.Count); // ESCROW_ROLE, COLLATERAL_ROLE, MARKET_ROLE, LENDING_ROLE, REGISTRAR_ROLE
    }

    [Fact]
    public async Task DeployAsync_StoppedBeforeSetBondVault_VerifyRefusesAndTheReRunWiresTheVault()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var before = await chain.NonceAsync();
        var steps = new List<DeploymentStep>();
        using (var crash = new CancelOnStep(9, DeploymentStepState.Completed))
        {
            // Cancelled right after the LENDING_ROLE grant: every contract exists, the vault is not wired.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.Deployer().DeployAsync(chain.Config, crash, crash.Token));
        }

        var partial = await DeploymentManifest.LoadAsync(chain.ManifestPath);
        Assert.True(partial.IsComplete);
        var unwired = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().VerifyAsync(partial));
        Assert.Equal(ManifestContractNames.Token, unwired.Contract);
        Assert.Contains("bond vault", unwired.Message, StringComparison.Ordinal);

        var resumed = await chain.Deployer().DeployAsync(chain.Config, new SynchronousProgress(steps.Add));

        Assert.Equal(before + TransactionSteps, await chain.NonceAsync());
        var step = Assert.Single(steps, s => s.Name.StartsWith(SuiteDeployer.SetBondVaultStep + ":", StringComparison.Ordinal) && s.State == DeploymentStepState.Completed);
        Assert.Equal($"setBondVault:ComputeCapacityToken:{resumed.EscrowAddress}", step.Name);
        Assert.NotNull(step.TransactionHash);
        var token = new ComputeCapacityTokenService(chain.Web3, resumed.TokenAddress);
        Assert.Equal(resumed.EscrowAddress, await token.BondVaultQueryAsync(), ignoreCase: true);
        Assert.Equal(resumed.ToJson(), (await chain.Deployer().VerifyAsync(resumed)).ToJson());
        var journal = await File.ReadAllLinesAsync(chain.JournalPath);
        Assert.Single(journal, line => line.Contains("\"step\":\"setBondVault:", StringComparison.Ordinal) && line.Contains("\"state\":\"done\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeployAsync_BondVaultAlreadySetToAnotherContract_RefusesNamingTheToken()
    {
        await using var chain = await DeploymentChain.StartAsync();
        using (var crash = new CancelOnStep(9, DeploymentStepState.Completed))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.Deployer().DeployAsync(chain.Config, crash, crash.Token));
        }

        // Someone wires another vault first (it can be set once): this token can never work with this escrow. The token
        // accepts only a contract declaring IBondVault (ERC-165), so the other vault is a second escrow.
        var partial = await DeploymentManifest.LoadAsync(chain.ManifestPath);
        var token = new ComputeCapacityTokenService(chain.Web3, partial.TokenAddress);
        var other = await ComputeEscrowService.DeployContractAndGetServiceAsync(
            chain.Web3, DeploymentChain.Admin, 0, partial.TokenAddress, chain.Stablecoin, partial.OracleAddress, 604800);
        await token.SetBondVaultRequestAndWaitForReceiptAsync(other.ContractAddress);
        var nonce = await chain.NonceAsync();

        var error = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().DeployAsync(chain.Config));
        var verify = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().VerifyAsync(partial));

        Assert.Equal(ManifestContractNames.Token, error.Contract);
        Assert.Contains(other.ContractAddress, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ManifestContractNames.Token, verify.Contract);
        Assert.Equal(nonce, await chain.NonceAsync());
    }

    [Fact]
    public async Task DeployAsync_TamperedAddress_ThrowsNamingTheContract()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var manifest = await chain.Deployer().DeployAsync(chain.Config);
        await EditManifestAsync(chain, root => root["contracts"]!["ComputeCapacityToken"]!["address"] = manifest.OracleAddress);

        var error = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().DeployAsync(chain.Config));

        Assert.Equal(ManifestContractNames.Token, error.Contract);
        Assert.Contains("ComputeCapacityToken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runtimeCodeHash")]
    [InlineData("creationCodeHash")]
    public async Task VerifyAsync_TamperedCodeHash_ThrowsNamingTheContract(string field)
    {
        await using var chain = await DeploymentChain.StartAsync();
        await chain.Deployer().DeployAsync(chain.Config);
        await EditManifestAsync(chain, root => root["contracts"]!["UtilizationOracle"]![field] = "0x" + new string('a', 64));
        var tampered = await DeploymentManifest.LoadAsync(chain.ManifestPath);

        var error = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().VerifyAsync(tampered));
        await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().DeployAsync(chain.Config));

        Assert.Equal(ManifestContractNames.Oracle, error.Contract);
    }

    [Fact]
    public async Task VerifyAsync_ValidManifest_ReturnsIt()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var manifest = await chain.Deployer().DeployAsync(chain.Config);

        var verified = await chain.Deployer().VerifyAsync(await DeploymentManifest.LoadAsync(chain.ManifestPath));

        Assert.Equal(manifest.ToJson(), verified.ToJson());
    }

    [Fact]
    public async Task DeployAsync_ManifestOfAnotherChain_ThrowsManifestException()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var manifest = await chain.Deployer().DeployAsync(chain.Config);
        await EditManifestAsync(chain, root => root["chainId"] = 1);

        var error = await Assert.ThrowsAsync<ManifestException>(() => chain.Deployer().DeployAsync(chain.Config));
        await Assert.ThrowsAsync<ManifestException>(() => chain.Deployer().VerifyAsync(manifest with { ChainId = 1 }));

        Assert.Contains("chain 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("31337", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployAsync_ChangedConfiguration_RefusesToDeployASecondSuite()
    {
        await using var chain = await DeploymentChain.StartAsync();
        await chain.Deployer().DeployAsync(chain.Config);
        var nonce = await chain.NonceAsync();

        var error = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().DeployAsync(chain.Config with { Quorum = 1, AllowWeakQuorum = true }));

        Assert.Equal(ManifestContractNames.Oracle, error.Contract);
        Assert.Equal(nonce, await chain.NonceAsync());
    }

    [Fact]
    public async Task DeployAsync_NoDeterministicDeployer_ThrowsClearly()
    {
        await using var chain = await DeploymentChain.StartAsync();
        await chain.Web3.Client.SendRequestAsync<object>("anvil_setCode", null, DeterministicDeployer.Address, "0x");

        var error = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().DeployAsync(chain.Config));

        Assert.Contains(DeterministicDeployer.Address, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(chain.ManifestPath));
    }

    [Fact]
    public async Task DeployAsync_StablecoinWithoutCode_Throws()
    {
        await using var chain = await DeploymentChain.StartAsync();

        var error = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().DeployAsync(chain.Config with { Stablecoin = DeploymentChain.Operator }));

        Assert.Equal(ManifestContractNames.Stablecoin, error.Contract);
    }

    [Fact]
    public async Task DeployAsync_UnknownRoleConstant_ThrowsNamingTheContract()
    {
        await using var chain = await DeploymentChain.StartAsync();
        var config = chain.Config with { Roles = [new RoleAssignment { Contract = ManifestContractNames.Oracle, Role = "NO_SUCH_ROLE", Account = DeploymentChain.Operator }] };

        var error = await Assert.ThrowsAsync<DeploymentException>(() => chain.Deployer().DeployAsync(config));

        Assert.Equal(ManifestContractNames.Oracle, error.Contract);
        Assert.Contains("NO_SUCH_ROLE", error.Message, StringComparison.Ordinal);
    }

    private static string Create2(string contract, byte[] initCode, string saltNamespace)
    {
        var salt = Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(saltNamespace + ":" + contract));
        var preimage = new byte[] { 0xff }
            .Concat("0x4e59b44847b379578588920ca78fbf26c0b4956c".HexToByteArray())
            .Concat(salt)
            .Concat(Sha3Keccack.Current.CalculateHash(initCode))
            .ToArray();
        return Sha3Keccack.Current.CalculateHash(preimage)[12..].ToHex(true);
    }

    private static async Task EditManifestAsync(DeploymentChain chain, Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(chain.ManifestPath))!;
        edit(root);
        await File.WriteAllTextAsync(chain.ManifestPath, root.ToJsonString());
    }
}

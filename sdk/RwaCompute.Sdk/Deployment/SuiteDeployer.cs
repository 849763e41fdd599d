using System.Globalization;
using System.Numerics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Contracts;
using Nethereum.Contracts.MessageEncodingServices;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeCurtailment;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Contracts.SuiteTimelock;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using BeginDefaultAdminTransferFunction = RwaCompute.Sdk.Contracts.ComputeCapacityToken.BeginDefaultAdminTransferFunction;
using DefaultAdminFunction = RwaCompute.Sdk.Contracts.ComputeCapacityToken.DefaultAdminFunction;
using GrantRoleFunction = RwaCompute.Sdk.Contracts.ComputeCapacityToken.GrantRoleFunction;
using HasRoleFunction = RwaCompute.Sdk.Contracts.ComputeCapacityToken.HasRoleFunction;
using PendingDefaultAdminFunction = RwaCompute.Sdk.Contracts.ComputeCapacityToken.PendingDefaultAdminFunction;
using PendingDefaultAdminOutputDTO = RwaCompute.Sdk.Contracts.ComputeCapacityToken.PendingDefaultAdminOutputDTO;
using RenounceRoleFunction = RwaCompute.Sdk.Contracts.ComputeCapacityToken.RenounceRoleFunction;
using RoleGrantedEventDTO = RwaCompute.Sdk.Contracts.ComputeCapacityToken.RoleGrantedEventDTO;
using EscrowOracleFunction = RwaCompute.Sdk.Contracts.ComputeEscrow.OracleFunction;
using EscrowStablecoinFunction = RwaCompute.Sdk.Contracts.ComputeEscrow.StablecoinFunction;
using EscrowTokenFunction = RwaCompute.Sdk.Contracts.ComputeEscrow.TokenFunction;
using CurtailmentEscrowFunction = RwaCompute.Sdk.Contracts.ComputeCurtailment.EscrowFunction;
using CurtailmentModuleFunction = RwaCompute.Sdk.Contracts.ComputeEscrow.CurtailmentModuleFunction;
using CurtailmentOracleFunction = RwaCompute.Sdk.Contracts.ComputeCurtailment.OracleFunction;
using CurtailmentTokenFunction = RwaCompute.Sdk.Contracts.ComputeCurtailment.TokenFunction;
using LendingEscrowFunction = RwaCompute.Sdk.Contracts.ComputeLending.EscrowFunction;
using SetCurtailmentModuleFunction = RwaCompute.Sdk.Contracts.ComputeEscrow.SetCurtailmentModuleFunction;
using MarketEscrowFunction = RwaCompute.Sdk.Contracts.ComputeMarket.EscrowFunction;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Deployment;

/// <summary>
/// Deploys the suite (token, oracle, escrow, market, lending module, curtailment module) through the deterministic
/// CREATE2 deployer, grants the escrow the token's <c>ESCROW_ROLE</c>, the lending module the token's
/// <c>COLLATERAL_ROLE</c> and the modules the escrow's <c>MARKET_ROLE</c> and <c>LENDING_ROLE</c>, wires the escrow in as
/// the token's bond vault (<c>setBondVault</c>) and the curtailment module into the escrow
/// (<c>setCurtailmentModule</c>), grants the configured extra roles, optionally deploys a <c>SuiteTimelock</c> and
/// begins handing the default admin of the five contracts with roles
/// over (<see cref="DeployConfig.Governance"/>), and records everything in <c>&lt;chainId&gt;.json</c>. Idempotent and
/// resumable: a contract already at its CREATE2 address is adopted, a journaled transaction is completed from its
/// receipt, a role already held, a vault already wired or a hand-over already pending is skipped; nothing is ever
/// deployed twice.
/// </summary>
/// <example>
/// <code>
/// var web3 = new Web3(new Account(privateKey, chainId), rpcUrl);
/// var deployer = new SuiteDeployer(web3, "deployments");
/// var manifest = await deployer.DeployAsync(await DeployConfig.LoadAsync("deploy.json"), progress, ct);
/// </code>
/// </example>
public sealed class SuiteDeployer
{
    /// <summary>The name of the first step (reported once the chain id is read and the manifest checked).</summary>
    public const string CheckChainStep = "CheckChain";

    /// <summary>The prefix of the step that wires the escrow in as the token's bond vault
    /// (<c>setBondVault:ComputeCapacityToken:&lt;escrow&gt;</c>).</summary>
    public const string SetBondVaultStep = "setBondVault";

    /// <summary>The prefix of the step that wires the curtailment module into the escrow
    /// (<c>setCurtailmentModule:ComputeEscrow:&lt;module&gt;</c>).</summary>
    public const string SetCurtailmentModuleStep = "setCurtailmentModule";

    /// <summary>The prefix of the steps that begin the default-admin hand-over of a contract
    /// (<c>beginDefaultAdminTransfer:&lt;contract&gt;:&lt;newAdmin&gt;</c>).</summary>
    public const string BeginAdminTransferStep = "beginDefaultAdminTransfer";

    private const string EscrowRoleName = "ESCROW_ROLE";
    private const string RiskRoleName = "RISK_ROLE";
    private const string MarketRoleName = "MARKET_ROLE";
    private const string LendingRoleName = "LENDING_ROLE";
    private const string CollateralRoleName = "COLLATERAL_ROLE";

    /// <summary>The step that drops the deploying account's own <c>RISK_ROLE</c> on the market and the lending module
    /// when the admin is handed over (<c>renounceRole:ComputeLending:RISK_ROLE:&lt;deployer&gt;</c>).</summary>
    public const string RenounceRoleStep = "renounceRole";
    private static readonly TimeSpan FirstPollInterval = TimeSpan.FromMilliseconds(5);



    private readonly IWeb3 web3;
    private readonly string manifestDirectory;
    private readonly ILogger logger;

    /// <summary>Creates a deployer.</summary>
    /// <param name="web3">The connection; its account signs every transaction and becomes the first admin of every
    /// contract.</param>
    /// <param name="manifestDirectory">Where <c>&lt;chainId&gt;.json</c> and <c>&lt;chainId&gt;.journal.jsonl</c>
    /// live (created if missing).</param>
    /// <param name="logger">Progress and warnings (addresses and hashes only).</param>
    public SuiteDeployer(IWeb3 web3, string manifestDirectory, ILogger<SuiteDeployer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(web3);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestDirectory);
        this.web3 = web3;
        this.manifestDirectory = manifestDirectory;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>How long to wait for one receipt before giving up with a <see cref="DeploymentException"/> (the
    /// transaction stays journaled: a re-run resumes it). Default 5 minutes.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest pause between receipt polls (polling starts at 5 ms and doubles). Default 1 second.</summary>
    public TimeSpan MaxReceiptPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Deploys what is missing and returns the complete manifest (saved after every completed step).</summary>
    /// <param name="config">What to deploy (validated first).</param>
    /// <param name="progress">Receives each step's <see cref="DeploymentStep"/>; called synchronously on the
    /// deploying thread.</param>
    /// <param name="cancellationToken">Stops between steps or while waiting; the journal and manifest let a re-run
    /// resume.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="DeployConfigException">The configuration is invalid or names no stablecoin.</exception>
    /// <exception cref="ManifestException">The existing manifest is unreadable or for another chain.</exception>
    /// <exception cref="DeploymentException">The deterministic deployer or the stablecoin is missing, the chain's code
    /// differs from the manifest, the configuration no longer derives the manifest's addresses, a transaction failed or
    /// timed out, or a hand-over is configured but the deploying account is no longer the admin of a contract (and the
    /// target is neither admin nor pending admin).</exception>
    public async Task<DeploymentManifest> DeployAsync(DeployConfig config, IProgress<DeploymentStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (config.Stablecoin is null)
        {
            throw new DeployConfigException(null, "'stablecoin' is required to deploy (the address of an existing USDC-like token)");
        }

        config = config.Normalized();
        cancellationToken.ThrowIfCancellationRequested();
        var admin = AdminAddress();
        progress?.Report(new DeploymentStep(CheckChainStep, DeploymentStepState.Started, null, null));
        var chainId = await ChainIdAsync(cancellationToken).ConfigureAwait(false);
        var path = DeploymentManifest.DefaultPath(manifestDirectory, chainId);
        DeploymentLog.Starting(logger, chainId, admin, path);

        DeploymentManifest? existing = null;
        var verificationFilledHashes = false;
        if (File.Exists(path))
        {
            var loaded = await DeploymentManifest.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            existing = await VerifyAsync(loaded, chainId, cancellationToken).ConfigureAwait(false);
            verificationFilledHashes = !ReferenceEquals(loaded, existing);
        }

        if ((await CodeAsync(DeterministicDeployer.Address, cancellationToken).ConfigureAwait(false)).Length == 0)
        {
            throw new DeploymentException(
                $"The deterministic CREATE2 deployer {DeterministicDeployer.Address} has no code on chain {chainId.ToString(CultureInfo.InvariantCulture)}; deploy it first (see https://github.com/Arachnid/deterministic-deployment-proxy) or use a chain that has it.");
        }

        var run = new Run(config, chainId, admin, path, existing) { Dirty = verificationFilledHashes };
        await CheckStablecoinAsync(run, cancellationToken).ConfigureAwait(false);
        run.Journal = await DeploymentJournal.OpenAsync(DeploymentJournal.PathFor(manifestDirectory, chainId), cancellationToken).ConfigureAwait(false);
        if (run.Journal.SkippedLines > 0)
        {
            DeploymentLog.TornJournal(logger, run.Journal.Path, run.Journal.SkippedLines);
        }

        run.Sender = CreateSender(run);

        progress?.Report(new DeploymentStep(CheckChainStep, DeploymentStepState.Completed, null, null));

        var adminDelay = Decimal(config.AdminDelaySeconds);
        var token = new ComputeCapacityTokenDeployment { Admin = admin, AdminDelay = config.AdminDelaySeconds, BaseUri = config.BaseUri };
        await DeployContractAsync(run, ManifestContractNames.Token, token, [admin, adminDelay, config.BaseUri], progress, cancellationToken).ConfigureAwait(false);

        var oracle = new UtilizationOracleDeployment
        {
            Admin = admin,
            AdminDelay = config.AdminDelaySeconds,
            Reporters = config.Reporters.ToList(),
            Quorum = checked((byte)config.Quorum),
            MaxAge = config.OracleMaxAgeSeconds,
        };
        string[] oracleArguments = [admin, adminDelay, ArrayText(config.Reporters), Decimal(config.Quorum), Decimal(config.OracleMaxAgeSeconds)];
        await DeployContractAsync(run, ManifestContractNames.Oracle, oracle, oracleArguments, progress, cancellationToken).ConfigureAwait(false);

        var escrow = new ComputeEscrowDeployment
        {
            Admin = admin,
            AdminDelay = config.AdminDelaySeconds,
            Token = run.Contracts[ManifestContractNames.Token].Address,
            Stablecoin = config.Stablecoin!,
            Oracle = run.Contracts[ManifestContractNames.Oracle].Address,
            DeliveryGrace = config.DeliveryGraceSeconds,
        };
        string[] escrowArguments = [admin, adminDelay, escrow.Token, escrow.Stablecoin, escrow.Oracle, Decimal(escrow.DeliveryGrace)];
        await DeployContractAsync(run, ManifestContractNames.Escrow, escrow, escrowArguments, progress, cancellationToken).ConfigureAwait(false);

        var escrowAddress = run.Contracts[ManifestContractNames.Escrow].Address;
        var market = new ComputeMarketDeployment
        {
            Admin = admin,
            AdminDelay = config.AdminDelaySeconds,
            Escrow = escrowAddress,
            IndexWindowSeconds = config.IndexWindowSeconds,
        };
        string[] marketArguments = [admin, adminDelay, escrowAddress, Decimal(config.IndexWindowSeconds)];
        await DeployContractAsync(run, ManifestContractNames.Market, market, marketArguments, progress, cancellationToken).ConfigureAwait(false);

        var lending = new ComputeLendingDeployment
        {
            Admin = admin,
            AdminDelay = config.AdminDelaySeconds,
            Escrow = escrowAddress,
            DefaultLtvBps = checked((ushort)config.DefaultLtvBps),
        };
        string[] lendingArguments = [admin, adminDelay, escrowAddress, Decimal(lending.DefaultLtvBps)];
        await DeployContractAsync(run, ManifestContractNames.Lending, lending, lendingArguments, progress, cancellationToken).ConfigureAwait(false);
        var lendingAddress = run.Contracts[ManifestContractNames.Lending].Address;

        var tokenAddress = run.Contracts[ManifestContractNames.Token].Address;
        var oracleAddress = run.Contracts[ManifestContractNames.Oracle].Address;
        var curtailment = new ComputeCurtailmentDeployment { Token = tokenAddress, Escrow = escrowAddress, Oracle = oracleAddress };
        await DeployContractAsync(run, ManifestContractNames.Curtailment, curtailment, [tokenAddress, escrowAddress, oracleAddress], progress, cancellationToken).ConfigureAwait(false);
        var curtailmentAddress = run.Contracts[ManifestContractNames.Curtailment].Address;

        await GrantRoleAsync(run, new RoleAssignment { Contract = ManifestContractNames.Token, Role = EscrowRoleName, Account = escrowAddress }, progress, cancellationToken).ConfigureAwait(false);
        await GrantRoleAsync(run, new RoleAssignment { Contract = ManifestContractNames.Token, Role = CollateralRoleName, Account = lendingAddress }, progress, cancellationToken).ConfigureAwait(false);
        await GrantRoleAsync(run, new RoleAssignment { Contract = ManifestContractNames.Escrow, Role = MarketRoleName, Account = run.Contracts[ManifestContractNames.Market].Address }, progress, cancellationToken).ConfigureAwait(false);
        await GrantRoleAsync(run, new RoleAssignment { Contract = ManifestContractNames.Escrow, Role = LendingRoleName, Account = lendingAddress }, progress, cancellationToken).ConfigureAwait(false);
        await SetBondVaultAsync(run, escrowAddress, progress, cancellationToken).ConfigureAwait(false);
        await SetCurtailmentModuleAsync(run, escrowAddress, curtailmentAddress, progress, cancellationToken).ConfigureAwait(false);
        foreach (var grant in config.Roles)
        {
            await GrantRoleAsync(run, grant, progress, cancellationToken).ConfigureAwait(false);
        }

        if (config.Governance is { } governance)
        {
            var newAdmin = governance.Admin;
            if (governance.Timelock is { } timelockConfig)
            {
                var timelock = new SuiteTimelockDeployment
                {
                    MinDelay = timelockConfig.MinDelaySeconds,
                    Proposers = timelockConfig.Proposers.ToList(),
                    Executors = timelockConfig.Executors.ToList(),
                    Admin = EthereumHex.ZeroAddress,
                };
                string[] timelockArguments = [Decimal(timelockConfig.MinDelaySeconds), ArrayText(timelockConfig.Proposers), ArrayText(timelockConfig.Executors), EthereumHex.ZeroAddress];
                await DeployContractAsync(run, ManifestContractNames.Timelock, timelock, timelockArguments, progress, cancellationToken).ConfigureAwait(false);
                newAdmin = run.Contracts[ManifestContractNames.Timelock].Address;
            }

            foreach (var name in ManifestContractNames.Administered)
            {
                await BeginAdminTransferAsync(run, name, newAdmin!, progress, cancellationToken).ConfigureAwait(false);
            }

            // The market's and the lending module's constructors make their admin (the deploying key) risk manager too.
            // Once the admin is handed over, the deploying key keeps nothing, unless deploy.json grants it RISK_ROLE on
            // purpose.
            foreach (var name in (string[])[ManifestContractNames.Market, ManifestContractNames.Lending])
            {
                var keepsRisk = config.Roles.Any(r => r.Contract == name && r.Role == RiskRoleName && EthereumHex.SameHex(r.Account, run.Admin));
                if (!keepsRisk)
                {
                    await RenounceOwnRoleAsync(run, name, RiskRoleName, progress, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (run.Dirty)
        {
            await SaveAsync(run, cancellationToken).ConfigureAwait(false);
        }

        return run.Manifest ?? run.Existing!;
    }

    /// <summary>Checks a manifest against the chain before anything uses it: the chain id; that every contract the
    /// toolkit deployed is bound to its name (its constructor arguments with this toolkit's bytecode for that name hash
    /// to its creation-code hash, whose CREATE2 address with its salt is its address); code at every address, hashing to
    /// <see cref="ContractDeployment.RuntimeCodeHash"/>; no two entries at one address; the stablecoin answers the ERC-20
    /// views <c>decimals()</c> and <c>totalSupply()</c>; the escrow's constructor arguments and its <c>TOKEN()</c>,
    /// <c>STABLECOIN()</c> and <c>ORACLE()</c> name the manifest's token, stablecoin and oracle; every recorded role is
    /// declared by its contract and held on chain (or was granted by its recorded transaction); and, when it lists both,
    /// that the token's <c>bondVault()</c> is the escrow.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The manifest, with <see cref="ContractDeployment.RuntimeCodeHash"/> filled in where it was
    /// missing (not saved).</returns>
    /// <exception cref="ManifestException">The manifest is for another chain.</exception>
    /// <exception cref="DeploymentException">An entry is not the contract its name says (swapped or edited entries,
    /// another build of the contracts), has no code or other code, shares its address with another entry, or refers to
    /// other contracts than the manifest's; the stablecoin is not an ERC-20; a role entry does not match the chain; or
    /// the token's bond vault is not set (an interrupted deployment: re-run it) or is another contract than the escrow.
    /// The message names the contract.</exception>
    public async Task<DeploymentManifest> VerifyAsync(DeploymentManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var chainId = await ChainIdAsync(cancellationToken).ConfigureAwait(false);
        var verified = await VerifyAsync(manifest, chainId, cancellationToken).ConfigureAwait(false);
        if (verified.Contracts.TryGetValue(ManifestContractNames.Token, out var token) && verified.Contracts.TryGetValue(ManifestContractNames.Escrow, out var escrow))
        {
            var vault = await BondVaultAsync(token.Address, cancellationToken).ConfigureAwait(false);
            if (vault is null)
            {
                throw new DeploymentException(ManifestContractNames.Token, $"the token at {token.Address} has no bond vault: the deployment stopped before its '{SetBondVaultStep}' step (issuing is impossible until then); re-run the deployment to resume");
            }

            RequireVaultIsEscrow(vault, token.Address, escrow.Address);
        }

        if (verified.Contracts.TryGetValue(ManifestContractNames.Escrow, out var wiredEscrow) && verified.Contracts.TryGetValue(ManifestContractNames.Curtailment, out var module))
        {
            var wired = await CurtailmentModuleAsync(wiredEscrow.Address, cancellationToken).ConfigureAwait(false);
            if (wired is null)
            {
                throw new DeploymentException(ManifestContractNames.Escrow, $"the escrow at {wiredEscrow.Address} has no curtailment module: the deployment stopped before its '{SetCurtailmentModuleStep}' step (interruptible lots are impossible until then); re-run the deployment to resume");
            }

            RequireModuleIsManifests(wired, wiredEscrow.Address, module.Address);
        }

        return verified;
    }

    private static string Decimal<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string ArrayText(IEnumerable<string> items) => "[" + string.Join(",", items) + "]";

    private static byte[] InitCode<TDeployment>(TDeployment deployment)
        where TDeployment : ContractDeploymentMessage, new() =>
        new DeploymentMessageEncodingService<TDeployment>().GetDeploymentData(deployment).HexToByteArray();

    private async Task<DeploymentManifest> VerifyAsync(DeploymentManifest manifest, long chainId, CancellationToken cancellationToken)
    {
        if (manifest.ChainId != chainId)
        {
            throw new ManifestException(
                manifest.SourcePath,
                $"is for chain {manifest.ChainId.ToString(CultureInfo.InvariantCulture)} but the node is chain {chainId.ToString(CultureInfo.InvariantCulture)}");
        }

        var updated = new Dictionary<string, ContractDeployment>(StringComparer.Ordinal);
        var changed = false;
        foreach (var (name, contract) in manifest.Contracts)
        {
            if (!contract.External)
            {
                RequireBoundToName(name, contract);
            }

            var code = await CodeAsync(contract.Address, cancellationToken).ConfigureAwait(false);
            if (code.Length == 0)
            {
                throw new DeploymentException(name, $"no contract code at {contract.Address} on chain {chainId.ToString(CultureInfo.InvariantCulture)} (edited manifest, another chain, or a reset devnet)");
            }

            var hash = EthereumHex.KeccakHex(code);
            if (contract.RuntimeCodeHash is null)
            {
                updated[name] = contract with { RuntimeCodeHash = hash };
                changed = true;
            }
            else if (!EthereumHex.SameHex(hash, contract.RuntimeCodeHash))
            {
                throw new DeploymentException(name, $"the code at {contract.Address} hashes to {hash}, the manifest records {contract.RuntimeCodeHash} (edited manifest, or another chain)");
            }
            else
            {
                updated[name] = contract;
            }
        }

        RequireDistinctAddresses(manifest);
        if (manifest.Contracts.TryGetValue(ManifestContractNames.Stablecoin, out var stablecoin))
        {
            await RequireErc20Async(stablecoin.Address, cancellationToken).ConfigureAwait(false);
        }

        if (manifest.Contracts.TryGetValue(ManifestContractNames.Escrow, out var escrow))
        {
            await RequireEscrowReferencesAsync(manifest, escrow, cancellationToken).ConfigureAwait(false);
        }

        if (manifest.Contracts.TryGetValue(ManifestContractNames.Market, out var market))
        {
            await RequireMarketReferencesAsync(manifest, market, cancellationToken).ConfigureAwait(false);
        }

        if (manifest.Contracts.TryGetValue(ManifestContractNames.Lending, out var lending))
        {
            await RequireLendingReferencesAsync(manifest, lending, cancellationToken).ConfigureAwait(false);
        }

        if (manifest.Contracts.TryGetValue(ManifestContractNames.Curtailment, out var curtailment))
        {
            await RequireCurtailmentReferencesAsync(manifest, curtailment, cancellationToken).ConfigureAwait(false);
        }

        var index = 0;
        foreach (var grant in manifest.Roles)
        {
            await RequireRoleGrantAsync(manifest, grant, index++, cancellationToken).ConfigureAwait(false);
        }

        return changed ? manifest with { Contracts = updated } : manifest;
    }

    /// <summary>No two entries name the same address (the stablecoin pointed at the oracle, an entry copied over
    /// another).</summary>
    private static void RequireDistinctAddresses(DeploymentManifest manifest)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, contract) in manifest.Contracts)
        {
            if (seen.TryGetValue(contract.Address, out var other))
            {
                throw new DeploymentException(name, $"the manifest gives it the address {contract.Address} of {other}: every entry is a different contract (edited manifest)");
            }

            seen[contract.Address] = name;
        }
    }

    /// <summary>Binds an entry the toolkit deployed to its name: its recorded constructor arguments with this toolkit's
    /// bytecode for that name must hash to its creation-code hash, and its salt and that hash must give its address
    /// through CREATE2. Code at that address (checked next) can then only be that contract with those arguments.</summary>
    private static void RequireBoundToName(string name, ContractDeployment contract)
    {
        if (contract.Salt is null || contract.CreationCodeHash is null)
        {
            throw new DeploymentException(name, "the manifest records no salt or creation code hash, so the entry cannot be checked (edited manifest)");
        }

        var initCodeHash = EthereumHex.KeccakHex(SuiteInitCode.For(name, contract.ConstructorArguments));
        if (!EthereumHex.SameHex(initCodeHash, contract.CreationCodeHash))
        {
            throw new DeploymentException(name, $"the manifest's constructor arguments with this toolkit's {name} bytecode hash to {initCodeHash}, not the recorded creation code hash {contract.CreationCodeHash}: the entry is not a {name} deployed by this toolkit build (an edited or swapped manifest entry, or a deployment by another build of the contracts)");
        }

        var derived = DeterministicDeployer.ComputeAddress(contract.Salt.HexToByteArray(), contract.CreationCodeHash.HexToByteArray());
        if (!EthereumHex.SameHex(derived, contract.Address))
        {
            throw new DeploymentException(name, $"the manifest's address {contract.Address} does not derive from its salt and creation code hash (CREATE2 gives {derived}): the manifest was edited");
        }
    }

    /// <summary>The escrow's recorded constructor arguments and its on-chain getters (<c>TOKEN()</c>,
    /// <c>STABLECOIN()</c>, <c>ORACLE()</c>) name the manifest's token, stablecoin and oracle.</summary>
    private async Task RequireEscrowReferencesAsync(DeploymentManifest manifest, ContractDeployment escrow, CancellationToken cancellationToken)
    {
        var (token, stablecoin, oracle) = SuiteInitCode.EscrowReferences(escrow.ConstructorArguments);
        var onChain = new[]
        {
            (Name: ManifestContractNames.Token, Recorded: token, Getter: "TOKEN", Actual: await AddressCallAsync(escrow.Address, new EscrowTokenFunction(), cancellationToken).ConfigureAwait(false)),
            (Name: ManifestContractNames.Stablecoin, Recorded: stablecoin, Getter: "STABLECOIN", Actual: await AddressCallAsync(escrow.Address, new EscrowStablecoinFunction(), cancellationToken).ConfigureAwait(false)),
            (Name: ManifestContractNames.Oracle, Recorded: oracle, Getter: "ORACLE", Actual: await AddressCallAsync(escrow.Address, new EscrowOracleFunction(), cancellationToken).ConfigureAwait(false)),
        };
        foreach (var reference in onChain)
        {
            if (!manifest.Contracts.TryGetValue(reference.Name, out var entry))
            {
                throw new DeploymentException(reference.Name, $"the manifest lists the escrow but not the {reference.Name} it was deployed with ({reference.Recorded}) (edited manifest)");
            }

            if (!EthereumHex.SameHex(entry.Address, reference.Recorded) || !EthereumHex.SameHex(entry.Address, reference.Actual))
            {
                throw new DeploymentException(reference.Name, $"the manifest gives {entry.Address}, but the escrow {escrow.Address} uses {reference.Actual} ({reference.Getter}()) (edited manifest)");
            }
        }
    }

    /// <summary>The market's recorded constructor argument and its on-chain <c>ESCROW()</c> name the manifest's
    /// escrow (the market reads the token and stablecoin from it).</summary>
    private async Task RequireMarketReferencesAsync(DeploymentManifest manifest, ContractDeployment market, CancellationToken cancellationToken)
    {
        var recorded = SuiteInitCode.MarketEscrow(market.ConstructorArguments);
        if (!manifest.Contracts.TryGetValue(ManifestContractNames.Escrow, out var escrow))
        {
            throw new DeploymentException(ManifestContractNames.Escrow, $"the manifest lists the market but not the escrow it was deployed with ({recorded}) (edited manifest)");
        }

        var actual = await AddressCallAsync(market.Address, new MarketEscrowFunction(), cancellationToken).ConfigureAwait(false);
        if (!EthereumHex.SameHex(escrow.Address, recorded) || !EthereumHex.SameHex(escrow.Address, actual))
        {
            throw new DeploymentException(ManifestContractNames.Escrow, $"the manifest gives {escrow.Address}, but the market {market.Address} uses {actual} (ESCROW()) (edited manifest)");
        }
    }

    /// <summary>The lending module's recorded constructor argument and its on-chain <c>ESCROW()</c> name the
    /// manifest's escrow (the module reads the token and stablecoin from it).</summary>
    private async Task RequireLendingReferencesAsync(DeploymentManifest manifest, ContractDeployment lending, CancellationToken cancellationToken)
    {
        var recorded = SuiteInitCode.LendingEscrow(lending.ConstructorArguments);
        if (!manifest.Contracts.TryGetValue(ManifestContractNames.Escrow, out var escrow))
        {
            throw new DeploymentException(ManifestContractNames.Escrow, $"the manifest lists the lending module but not the escrow it was deployed with ({recorded}) (edited manifest)");
        }

        var actual = await AddressCallAsync(lending.Address, new LendingEscrowFunction(), cancellationToken).ConfigureAwait(false);
        if (!EthereumHex.SameHex(escrow.Address, recorded) || !EthereumHex.SameHex(escrow.Address, actual))
        {
            throw new DeploymentException(ManifestContractNames.Escrow, $"the manifest gives {escrow.Address}, but the lending module {lending.Address} uses {actual} (ESCROW()) (edited manifest)");
        }
    }

    /// <summary>The curtailment module's recorded constructor arguments and its on-chain <c>TOKEN()</c>,
    /// <c>ESCROW()</c> and <c>ORACLE()</c> name the manifest's token, escrow and oracle.</summary>
    private async Task RequireCurtailmentReferencesAsync(DeploymentManifest manifest, ContractDeployment module, CancellationToken cancellationToken)
    {
        var (token, escrow, oracle) = SuiteInitCode.CurtailmentReferences(module.ConstructorArguments);
        var onChain = new[]
        {
            (Name: ManifestContractNames.Token, Recorded: token, Getter: "TOKEN", Actual: await AddressCallAsync(module.Address, new CurtailmentTokenFunction(), cancellationToken).ConfigureAwait(false)),
            (Name: ManifestContractNames.Escrow, Recorded: escrow, Getter: "ESCROW", Actual: await AddressCallAsync(module.Address, new CurtailmentEscrowFunction(), cancellationToken).ConfigureAwait(false)),
            (Name: ManifestContractNames.Oracle, Recorded: oracle, Getter: "ORACLE", Actual: await AddressCallAsync(module.Address, new CurtailmentOracleFunction(), cancellationToken).ConfigureAwait(false)),
        };
        foreach (var reference in onChain)
        {
            if (!manifest.Contracts.TryGetValue(reference.Name, out var entry))
            {
                throw new DeploymentException(reference.Name, $"the manifest lists the curtailment module but not the {reference.Name} it was deployed with ({reference.Recorded}) (edited manifest)");
            }

            if (!EthereumHex.SameHex(entry.Address, reference.Recorded) || !EthereumHex.SameHex(entry.Address, reference.Actual))
            {
                throw new DeploymentException(reference.Name, $"the manifest gives {entry.Address}, but the curtailment module {module.Address} uses {reference.Actual} ({reference.Getter}()) (edited manifest)");
            }
        }
    }

    private async Task<string> AddressCallAsync<TFunction>(string contract, TFunction function, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        try
        {
            return await web3.Eth.GetContractQueryHandler<TFunction>()
                .QueryAsync<string>(contract, function)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsTransportFailure(ex))
        {
            throw new DeploymentException(ManifestContractNames.Escrow, $"{contract} does not answer the escrow's getters ({ex.Message}) (edited manifest)", ex);
        }
    }

    /// <summary>The stablecoin answers the ERC-20 views the suite relies on (<c>decimals()</c>,
    /// <c>totalSupply()</c>).</summary>
    private async Task RequireErc20Async(string address, CancellationToken cancellationToken)
    {
        foreach (var (signature, check) in new (string, Func<byte[], bool>)[]
        {
            ("decimals()", bytes => bytes.Length == 32 && bytes.AsSpan(0, 31).IndexOfAnyExcept((byte)0) < 0),
            ("totalSupply()", bytes => bytes.Length == 32),
        })
        {
            var selector = EthereumHex.Keccak(Encoding.ASCII.GetBytes(signature)).AsSpan(0, 4).ToArray().ToHex(true);
            byte[] result;
            try
            {
                result = EthereumHex.FromHex(await web3.Eth.Transactions.Call.SendRequestAsync(new CallInput { To = address, Data = selector }).WaitAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (!IsTransportFailure(ex))
            {
                throw new DeploymentException(ManifestContractNames.Stablecoin, $"{address} does not answer the ERC-20 view {signature} ({ex.Message}): not an ERC-20 stablecoin", ex);
            }

            if (!check(result))
            {
                throw new DeploymentException(ManifestContractNames.Stablecoin, $"{address} answers {signature} with {result.Length.ToString(CultureInfo.InvariantCulture)} bytes that are not an ERC-20's: not an ERC-20 stablecoin");
            }
        }
    }

    /// <summary>Whether a failed call says nothing about the contract (the node is unreachable, the call was
    /// cancelled): those propagate as they are; anything else (a revert, an undecodable answer) is the contract's.</summary>
    private static bool IsTransportFailure(Exception exception) =>
        exception is OperationCanceledException or HttpRequestException or RpcClientUnknownException or RpcClientTimeoutException;

    /// <summary>A recorded role grant is real: the contract declares the role, and the account holds it on chain or the
    /// recorded <c>grantRole</c> transaction granted exactly that role to exactly that account (a role revoked since
    /// is not a forged entry).</summary>
    private async Task RequireRoleGrantAsync(DeploymentManifest manifest, RoleGrant grant, int index, CancellationToken cancellationToken)
    {
        var field = $"roles[{index.ToString(CultureInfo.InvariantCulture)}]";
        if (!manifest.Contracts.TryGetValue(grant.Contract, out var contract))
        {
            throw new DeploymentException(grant.Contract, $"{field} records {grant.Role} on {grant.Contract}, which the manifest does not list (edited manifest)");
        }

        var role = await RoleIdAsync(new RoleAssignment { Contract = grant.Contract, Role = grant.Role, Account = grant.Account }, contract.Address, cancellationToken, field).ConfigureAwait(false);
        if (await HasRoleAsync(contract.Address, role, grant.Account, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (grant.TransactionHash is not null && await ReceiptAsync(grant.TransactionHash, cancellationToken).ConfigureAwait(false) is { } receipt && Granted(receipt, contract.Address, role, grant.Account))
        {
            return;
        }

        throw new DeploymentException(
            grant.Contract,
            $"{field}: {grant.Account} does not hold {grant.Role} on {contract.Address}, and {(grant.TransactionHash is null ? "no transaction is recorded" : "transaction " + grant.TransactionHash + " did not grant it")} (edited manifest; a role revoked since its recorded grant is fine)");
    }

    /// <summary>Whether a successful receipt carries <c>RoleGranted(role, account, …)</c> emitted by
    /// <paramref name="contract"/>.</summary>
    private static bool Granted(TransactionReceipt receipt, string contract, byte[] role, string account) =>
        receipt.Status?.Value == BigInteger.One
        && receipt.DecodeAllEvents<RoleGrantedEventDTO>().Any(granted =>
            EthereumHex.SameHex(granted.Log.Address, contract)
            && granted.Event.Role.AsSpan().SequenceEqual(role)
            && EthereumHex.SameHex(granted.Event.Account, account));

    private static void RequireModuleIsManifests(string wired, string escrow, string module)
    {
        if (!EthereumHex.SameHex(wired, module))
        {
            throw new DeploymentException(ManifestContractNames.Escrow, $"the escrow at {escrow} has the curtailment module {wired}, not the manifest's {module}; the module can be wired only once, so this escrow cannot be used with this module (deploy a new suite with another salt)");
        }
    }

    private static void RequireVaultIsEscrow(string vault, string token, string escrow)
    {
        if (!EthereumHex.SameHex(vault, escrow))
        {
            throw new DeploymentException(ManifestContractNames.Token, $"the token at {token} has the bond vault {vault}, not the manifest's escrow {escrow}; the vault can be set only once, so this token cannot be used with this escrow (deploy a new suite with another salt)");
        }
    }

    private async Task CheckStablecoinAsync(Run run, CancellationToken cancellationToken)
    {
        var address = run.Config.Stablecoin!;
        if (run.Contracts.TryGetValue(ManifestContractNames.Stablecoin, out var recorded))
        {
            if (!EthereumHex.SameHex(recorded.Address, address))
            {
                throw new DeploymentException(ManifestContractNames.Stablecoin, $"the manifest records {recorded.Address} but the configuration names {address}; a deployed escrow cannot change its stablecoin (use another salt for a new suite)");
            }

            return;
        }

        var code = await CodeAsync(address, cancellationToken).ConfigureAwait(false);
        if (code.Length == 0)
        {
            throw new DeploymentException(ManifestContractNames.Stablecoin, $"no contract code at {address} on chain {run.ChainId.ToString(CultureInfo.InvariantCulture)}");
        }

        await RequireErc20Async(address, cancellationToken).ConfigureAwait(false);

        run.Contracts[ManifestContractNames.Stablecoin] = new ContractDeployment
        {
            Address = address,
            External = true,
            RuntimeCodeHash = EthereumHex.KeccakHex(code),
        };
        run.Dirty = true;
    }

    private async Task DeployContractAsync<TDeployment>(Run run, string name, TDeployment deployment, string[] arguments, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
        where TDeployment : ContractDeploymentMessage, new()
    {
        cancellationToken.ThrowIfCancellationRequested();
        var initCode = InitCode(deployment);
        var creationHash = EthereumHex.Keccak(initCode);
        var salt = DeterministicDeployer.ComputeSalt(run.Config.Salt, name);
        var predicted = DeterministicDeployer.ComputeAddress(salt, creationHash);
        progress?.Report(new DeploymentStep(name, DeploymentStepState.Started, null, predicted));

        if (run.Contracts.TryGetValue(name, out var recorded))
        {
            if (!EthereumHex.SameHex(recorded.Address, predicted))
            {
                throw new DeploymentException(name, $"the manifest records {recorded.Address} but this configuration, deployer account and bytecode give {predicted}; the configuration, the admin or the contract changed since the deployment (use another salt or deployments directory for a new suite)");
            }

            DeploymentLog.Skipped(logger, name, "listed in the manifest and verified");
            progress?.Report(new DeploymentStep(name, DeploymentStepState.Skipped, recorded.TransactionHash, recorded.Address));
            if (name == ManifestContractNames.Oracle)
            {
                SetOracleSettings(run);
            }

            return;
        }

        var entry = new ContractDeployment
        {
            Address = predicted,
            CreationCodeHash = creationHash.ToHex(true),
            Salt = salt.ToHex(true),
            ConstructorArguments = arguments,
        };

        var code = await CodeAsync(predicted, cancellationToken).ConfigureAwait(false);
        TransactionReceipt? receipt = null;
        if (code.Length == 0)
        {
            receipt = await ResumeJournaledAsync(run, name, predicted, cancellationToken).ConfigureAwait(false);
            if (receipt is null || (await CodeAsync(predicted, cancellationToken).ConfigureAwait(false)).Length == 0)
            {
                var calldata = DeterministicDeployer.BuildCalldata(salt, initCode).ToHex(true);
                var input = new TransactionInput { From = run.Admin, To = DeterministicDeployer.Address, Data = calldata, Value = new HexBigInteger(0) };
                HexBigInteger gas;
                try
                {
                    gas = await web3.Eth.TransactionManager.EstimateGasAsync(input).WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new DeploymentException(name, "the deployment would fail (gas estimation reverted): " + ex.Message, ex);
                }

                // The proxy's nested CREATE2 forwards 63/64 of the remaining gas: leave headroom over the estimate.
                input.Gas = new HexBigInteger(gas.Value + (gas.Value / 5));
                var call = new TransactionCall(DeterministicDeployer.Address, calldata, BigInteger.Zero, "deploy " + name) { GasLimit = input.Gas.Value };
                receipt = await SendAsync(run, name, predicted, call, () => web3.Eth.TransactionManager.SignTransactionAsync(input), progress, cancellationToken).ConfigureAwait(false);
            }

            code = await CodeAsync(predicted, cancellationToken).ConfigureAwait(false);
            if (code.Length == 0)
            {
                throw new DeploymentException(name, $"transaction {receipt.TransactionHash} succeeded but no code is at the predicted address {predicted}");
            }

            entry = entry with { TransactionHash = receipt.TransactionHash, BlockNumber = (long)receipt.BlockNumber.Value };
            await run.Journal!.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = name, State = JournalStates.Done, PredictedAddress = predicted, TxHash = receipt.TransactionHash, Block = entry.BlockNumber }, cancellationToken).ConfigureAwait(false);
            DeploymentLog.Completed(logger, name, entry.BlockNumber.Value, receipt.TransactionHash);
        }
        else
        {
            // Already on chain (a crash after the receipt but before the manifest was saved, or a lost manifest): adopt
            // it, with its transaction if the journal knows it.
            var done = run.Journal!.LastDone(name, predicted);
            if (done is not null)
            {
                entry = entry with { TransactionHash = done.TxHash, BlockNumber = done.Block };
            }
            else
            {
                foreach (var hash in run.Journal.TransactionHashes(name, predicted))
                {
                    var journaled = await ReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
                    if (journaled is { Status.Value: var status } && status == BigInteger.One)
                    {
                        entry = entry with { TransactionHash = journaled.TransactionHash, BlockNumber = (long)journaled.BlockNumber.Value };
                        break;
                    }
                }

                await run.Journal.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = name, State = entry.TransactionHash is null ? JournalStates.Adopted : JournalStates.Done, PredictedAddress = predicted, TxHash = entry.TransactionHash, Block = entry.BlockNumber }, cancellationToken).ConfigureAwait(false);
            }

            DeploymentLog.Skipped(logger, name, "code found at " + predicted);
        }

        run.Contracts[name] = entry with { RuntimeCodeHash = EthereumHex.KeccakHex(code) };
        if (name == ManifestContractNames.Oracle)
        {
            SetOracleSettings(run);
        }

        run.Dirty = true;
        await SaveAsync(run, cancellationToken).ConfigureAwait(false);
        progress?.Report(new DeploymentStep(name, receipt is null ? DeploymentStepState.Skipped : DeploymentStepState.Completed, entry.TransactionHash, predicted));
    }

    private async Task GrantRoleAsync(Run run, RoleAssignment grant, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var step = $"grantRole:{grant.Contract}:{grant.Role}:{grant.Account}";
        var contract = run.Contracts[grant.Contract].Address;
        progress?.Report(new DeploymentStep(step, DeploymentStepState.Started, null, contract));
        var role = await RoleIdAsync(grant, contract, cancellationToken).ConfigureAwait(false);
        var recorded = run.Roles.FindIndex(r => r.Contract == grant.Contract && r.Role == grant.Role && EthereumHex.SameHex(r.Account, grant.Account));

        if (await HasRoleAsync(contract, role, grant.Account, cancellationToken).ConfigureAwait(false))
        {
            string? transactionHash = recorded >= 0 ? run.Roles[recorded].TransactionHash : null;
            if (recorded < 0)
            {
                transactionHash = run.Journal!.LastDone(step)?.TxHash;
                foreach (var hash in transactionHash is null ? run.Journal.TransactionHashes(step) : [])
                {
                    if (await ReceiptAsync(hash, cancellationToken).ConfigureAwait(false) is { Status.Value: var status } && status == BigInteger.One)
                    {
                        transactionHash = hash;
                        break;
                    }
                }

                run.Roles.Add(new RoleGrant { Contract = grant.Contract, Role = grant.Role, Account = grant.Account, TransactionHash = transactionHash });
                run.Dirty = true;
                await SaveAsync(run, cancellationToken).ConfigureAwait(false);
            }

            DeploymentLog.Skipped(logger, step, "role held");
            progress?.Report(new DeploymentStep(step, DeploymentStepState.Skipped, transactionHash, contract));
            return;
        }

        var receipt = await ResumeJournaledAsync(run, step, null, cancellationToken).ConfigureAwait(false);
        if (receipt is null || !await HasRoleAsync(contract, role, grant.Account, cancellationToken).ConfigureAwait(false))
        {
            var message = new GrantRoleFunction { Role = role, Account = grant.Account, FromAddress = run.Admin };
            var handler = web3.Eth.GetContractTransactionHandler<GrantRoleFunction>();
            receipt = await SendAsync(run, step, null, TransactionCall.For(contract, message, step), () => handler.SignTransactionAsync(contract, message), progress, cancellationToken).ConfigureAwait(false);
            if (!await HasRoleAsync(contract, role, grant.Account, cancellationToken).ConfigureAwait(false))
            {
                throw new DeploymentException(grant.Contract, $"transaction {receipt.TransactionHash} succeeded but {grant.Account} does not hold {grant.Role}");
            }
        }

        var block = (long)receipt.BlockNumber.Value;
        await run.Journal!.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = step, State = JournalStates.Done, TxHash = receipt.TransactionHash, Block = block }, cancellationToken).ConfigureAwait(false);
        DeploymentLog.Completed(logger, step, block, receipt.TransactionHash);
        var roleGrant = new RoleGrant { Contract = grant.Contract, Role = grant.Role, Account = grant.Account, TransactionHash = receipt.TransactionHash };
        if (recorded >= 0)
        {
            run.Roles[recorded] = roleGrant;
        }
        else
        {
            run.Roles.Add(roleGrant);
        }

        run.Dirty = true;
        await SaveAsync(run, cancellationToken).ConfigureAwait(false);
        progress?.Report(new DeploymentStep(step, DeploymentStepState.Completed, receipt.TransactionHash, contract));
    }

    /// <summary>Wires the escrow in as the token's bond vault: skipped when <c>bondVault()</c> already is the escrow,
    /// refused when it is another contract (it is set once), otherwise completed from a journaled transaction or
    /// sent.</summary>
    private async Task SetBondVaultAsync(Run run, string escrow, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var step = $"{SetBondVaultStep}:{ManifestContractNames.Token}:{escrow}";
        var token = run.Contracts[ManifestContractNames.Token].Address;
        progress?.Report(new DeploymentStep(step, DeploymentStepState.Started, null, token));
        var vault = await BondVaultAsync(token, cancellationToken).ConfigureAwait(false);
        if (vault is not null)
        {
            RequireVaultIsEscrow(vault, token, escrow);
            await SkipStepAsync(run, step, token, "bond vault set", progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        var receipt = await ResumeOrSendAsync(
            run,
            step,
            token,
            new SetBondVaultFunction { Vault = escrow, FromAddress = run.Admin },
            async () => await BondVaultAsync(token, cancellationToken).ConfigureAwait(false) is not null,
            progress,
            cancellationToken).ConfigureAwait(false);

        vault = await BondVaultAsync(token, cancellationToken).ConfigureAwait(false);
        if (vault is null || !EthereumHex.SameHex(vault, escrow))
        {
            throw new DeploymentException(ManifestContractNames.Token, $"transaction {receipt.TransactionHash} succeeded but the token's bond vault is {vault ?? "not set"}, not {escrow}");
        }

        await CompleteStepAsync(run, step, token, receipt, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wires the curtailment module into the escrow: skipped when <c>curtailmentModule()</c> already is the
    /// module, refused when it is another contract (it is set once), otherwise completed from a journaled transaction
    /// or sent.</summary>
    private async Task SetCurtailmentModuleAsync(Run run, string escrow, string module, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var step = $"{SetCurtailmentModuleStep}:{ManifestContractNames.Escrow}:{module}";
        progress?.Report(new DeploymentStep(step, DeploymentStepState.Started, null, escrow));
        var wired = await CurtailmentModuleAsync(escrow, cancellationToken).ConfigureAwait(false);
        if (wired is not null)
        {
            RequireModuleIsManifests(wired, escrow, module);
            await SkipStepAsync(run, step, escrow, "curtailment module set", progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        var receipt = await ResumeOrSendAsync(
            run,
            step,
            escrow,
            new SetCurtailmentModuleFunction { Module = module, FromAddress = run.Admin },
            async () => await CurtailmentModuleAsync(escrow, cancellationToken).ConfigureAwait(false) is not null,
            progress,
            cancellationToken).ConfigureAwait(false);

        wired = await CurtailmentModuleAsync(escrow, cancellationToken).ConfigureAwait(false);
        if (wired is null || !EthereumHex.SameHex(wired, module))
        {
            throw new DeploymentException(ManifestContractNames.Escrow, $"transaction {receipt.TransactionHash} succeeded but the escrow's curtailment module is {wired ?? "not set"}, not {module}");
        }

        await CompleteStepAsync(run, step, escrow, receipt, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Begins handing a contract's default admin over to <paramref name="newAdmin"/>
    /// (<c>beginDefaultAdminTransfer</c>): skipped when <paramref name="newAdmin"/> already is the admin or the pending
    /// admin, refused when the deploying account is no longer the admin, otherwise completed from a journaled
    /// transaction or sent. The deploying account stays admin until the new admin accepts.</summary>
    private async Task BeginAdminTransferAsync(Run run, string name, string newAdmin, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var step = $"{BeginAdminTransferStep}:{name}:{newAdmin}";
        var contract = run.Contracts[name].Address;
        progress?.Report(new DeploymentStep(step, DeploymentStepState.Started, null, contract));
        var (admin, pending) = await AdminStateAsync(contract, cancellationToken).ConfigureAwait(false);
        if (EthereumHex.SameHex(admin, newAdmin) || (pending is not null && EthereumHex.SameHex(pending, newAdmin)))
        {
            await SkipStepAsync(run, step, contract, EthereumHex.SameHex(admin, newAdmin) ? "already the admin" : "hand-over pending", progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!EthereumHex.SameHex(admin, run.Admin))
        {
            throw new DeploymentException(name, $"the default admin of {contract} is {admin}, not the deploying account {run.Admin}: it cannot begin the hand-over to {newAdmin} (the current admin must call beginDefaultAdminTransfer)");
        }

        var receipt = await ResumeOrSendAsync(
            run,
            step,
            contract,
            new BeginDefaultAdminTransferFunction { NewAdmin = newAdmin, FromAddress = run.Admin },
            async () => IsPending(await AdminStateAsync(contract, cancellationToken).ConfigureAwait(false), newAdmin),
            progress,
            cancellationToken).ConfigureAwait(false);

        if (!IsPending(await AdminStateAsync(contract, cancellationToken).ConfigureAwait(false), newAdmin))
        {
            throw new DeploymentException(name, $"transaction {receipt.TransactionHash} succeeded but {newAdmin} is not the pending default admin of {contract}");
        }

        await CompleteStepAsync(run, step, contract, receipt, progress, cancellationToken).ConfigureAwait(false);

        static bool IsPending((string Admin, string? Pending) state, string newAdmin) =>
            state.Pending is not null && EthereumHex.SameHex(state.Pending, newAdmin);
    }

    /// <summary>Drops a role the deploying account holds (<c>renounceRole</c>): skipped when it does not hold it,
    /// otherwise completed from a journaled transaction or sent, and checked on chain.</summary>
    private async Task RenounceOwnRoleAsync(Run run, string name, string roleName, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var step = $"{RenounceRoleStep}:{name}:{roleName}:{run.Admin}";
        var contract = run.Contracts[name].Address;
        progress?.Report(new DeploymentStep(step, DeploymentStepState.Started, null, contract));
        var role = await RoleIdAsync(new RoleAssignment { Contract = name, Role = roleName, Account = run.Admin }, contract, cancellationToken).ConfigureAwait(false);
        if (!await HasRoleAsync(contract, role, run.Admin, cancellationToken).ConfigureAwait(false))
        {
            await SkipStepAsync(run, step, contract, "role not held", progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        var receipt = await ResumeOrSendAsync(
            run,
            step,
            contract,
            new RenounceRoleFunction { Role = role, Account = run.Admin, FromAddress = run.Admin },
            async () => !await HasRoleAsync(contract, role, run.Admin, cancellationToken).ConfigureAwait(false),
            progress,
            cancellationToken).ConfigureAwait(false);

        if (await HasRoleAsync(contract, role, run.Admin, cancellationToken).ConfigureAwait(false))
        {
            throw new DeploymentException(name, $"transaction {receipt.TransactionHash} succeeded but {run.Admin} still holds {roleName}");
        }

        await CompleteStepAsync(run, step, contract, receipt, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A step the chain already shows done: its transaction comes from the journal when it knows one.</summary>
    private async Task SkipStepAsync(Run run, string step, string contract, string reason, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
    {
        var journaled = await CompleteJournalAsync(run, step, cancellationToken).ConfigureAwait(false);
        DeploymentLog.Skipped(logger, step, reason);
        progress?.Report(new DeploymentStep(step, DeploymentStepState.Skipped, journaled, contract));
    }

    /// <summary>The receipt of a step's transaction: a journaled one that took effect (<paramref name="done"/> true
    /// after it), or a newly signed and sent <paramref name="message"/>. Never sends twice for one effect.</summary>
    private async Task<TransactionReceipt> ResumeOrSendAsync<TFunction>(Run run, string step, string contract, TFunction message, Func<Task<bool>> done, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var receipt = await ResumeJournaledAsync(run, step, null, cancellationToken).ConfigureAwait(false);
        if (receipt is not null && await done().ConfigureAwait(false))
        {
            return receipt;
        }

        var handler = web3.Eth.GetContractTransactionHandler<TFunction>();
        return await SendAsync(run, step, null, TransactionCall.For(contract, message, step), () => handler.SignTransactionAsync(contract, message), progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a step as done (journal, log, progress) once its effect was checked on chain.</summary>
    private async Task CompleteStepAsync(Run run, string step, string contract, TransactionReceipt receipt, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
    {
        var block = (long)receipt.BlockNumber.Value;
        await run.Journal!.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = step, State = JournalStates.Done, TxHash = receipt.TransactionHash, Block = block }, cancellationToken).ConfigureAwait(false);
        DeploymentLog.Completed(logger, step, block, receipt.TransactionHash);
        progress?.Report(new DeploymentStep(step, DeploymentStepState.Completed, receipt.TransactionHash, contract));
    }

    /// <summary>A contract's default admin and pending default admin (<see langword="null"/> when none).</summary>
    private async Task<(string Admin, string? Pending)> AdminStateAsync(string contract, CancellationToken cancellationToken)
    {
        var admin = await web3.Eth.GetContractQueryHandler<DefaultAdminFunction>()
            .QueryAsync<string>(contract, new DefaultAdminFunction())
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var pending = await web3.Eth.GetContractQueryHandler<PendingDefaultAdminFunction>()
            .QueryDeserializingToObjectAsync<PendingDefaultAdminOutputDTO>(new PendingDefaultAdminFunction(), contract)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var newAdmin = string.IsNullOrEmpty(pending.NewAdmin) || EthereumHex.FromHex(pending.NewAdmin).All(b => b == 0) ? null : pending.NewAdmin;
        return (admin ?? EthereumHex.ZeroAddress, newAdmin);
    }

    /// <summary>For a step already done on chain: the transaction that did it, from the journal's <c>done</c> entry or,
    /// when the journal never saw the receipt (a crash right after the broadcast), from a journaled transaction that
    /// succeeded (its <c>done</c> entry is appended then). <see langword="null"/> when the journal knows none.</summary>
    private async Task<string?> CompleteJournalAsync(Run run, string step, CancellationToken cancellationToken)
    {
        var journaled = run.Journal!.LastDone(step)?.TxHash;
        if (journaled is not null)
        {
            return journaled;
        }

        foreach (var hash in run.Journal.TransactionHashes(step))
        {
            if (await ReceiptAsync(hash, cancellationToken).ConfigureAwait(false) is { Status.Value: var status, BlockNumber: { } number } && status == BigInteger.One)
            {
                await run.Journal.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = step, State = JournalStates.Done, TxHash = hash, Block = (long)number.Value }, cancellationToken).ConfigureAwait(false);
                return hash;
            }
        }

        return null;
    }

    /// <summary>The escrow's curtailment module, or <see langword="null"/> while unset.</summary>
    private async Task<string?> CurtailmentModuleAsync(string escrow, CancellationToken cancellationToken)
    {
        var module = await web3.Eth.GetContractQueryHandler<CurtailmentModuleFunction>()
            .QueryAsync<string>(escrow, new CurtailmentModuleFunction())
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(module) || EthereumHex.FromHex(module).All(b => b == 0) ? null : module;
    }

    /// <summary>The token's bond vault, or <see langword="null"/> while unset.</summary>
    private async Task<string?> BondVaultAsync(string token, CancellationToken cancellationToken)
    {
        var vault = await web3.Eth.GetContractQueryHandler<BondVaultFunction>()
            .QueryAsync<string>(token, new BondVaultFunction())
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(vault) || EthereumHex.FromHex(vault).All(b => b == 0) ? null : vault;
    }

    /// <summary>Looks for a journaled transaction of the step: returns its successful receipt (waiting if the node still
    /// holds it pending), or <see langword="null"/> when there is none, it failed, or the node dropped it.</summary>
    private async Task<TransactionReceipt?> ResumeJournaledAsync(Run run, string step, string? predicted, CancellationToken cancellationToken)
    {
        foreach (var hash in run.Journal!.TransactionHashes(step, predicted))
        {
            var receipt = await ReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
            if (receipt is null)
            {
                var pending = await web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(hash).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (pending is null)
                {
                    DeploymentLog.Resending(logger, step, hash);
                    continue;
                }

                DeploymentLog.Resuming(logger, step, hash);
                receipt = await WaitForReceiptAsync(step, hash, null, cancellationToken).ConfigureAwait(false);
            }

            if (receipt.Status?.Value == BigInteger.One)
            {
                DeploymentLog.Resuming(logger, step, hash);
                return receipt;
            }

            DeploymentLog.Resending(logger, step, hash);
        }

        return null;
    }

    /// <summary>Signs, journals the hash, broadcasts, waits for the receipt and checks its status. With the SDK
    /// pipeline (<see cref="Run.Sender"/>) the call is estimated, priced, nonced, journaled and broadcast exactly as any
    /// other SDK send; otherwise the Web3 account signs it.</summary>
    private async Task<TransactionReceipt> SendAsync(Run run, string step, string? predicted, TransactionCall call, Func<Task<string>> sign, IProgress<DeploymentStep>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await run.Journal!.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = step, State = JournalStates.Intent, PredictedAddress = predicted }, cancellationToken).ConfigureAwait(false);
        if (run.Sender is { } sender)
        {
            run.Current = (step, predicted);
            SentTransaction sentTransaction;
            try
            {
                sentTransaction = await sender.SendAsync(call, cancellationToken).ConfigureAwait(false);
            }
            catch (TransactionPossiblySentException ex) when (ex.Reason == PossiblySentReason.Cancelled)
            {
                // The hash is journaled: a re-run resumes the step.
                throw new OperationCanceledException($"cancelled while broadcasting {ex.TransactionHash}; re-run to resume", ex, cancellationToken);
            }
            catch (TransactionPossiblySentException ex)
            {
                throw new DeploymentException(step, $"transaction {ex.TransactionHash} may have been sent ({ex.Reason}); it is journaled: re-run to resume", ex);
            }
            catch (ContractRevertException ex)
            {
                throw new DeploymentException(step, "the transaction would fail (gas estimation reverted): " + ex.Message, ex);
            }
            catch (RpcResponseException ex)
            {
                throw new DeploymentException(step, $"the node rejected the transaction: {ex.Message}", ex);
            }

            DeploymentLog.Sent(logger, step, sentTransaction.Hash);
            progress?.Report(new DeploymentStep(step, DeploymentStepState.Sent, sentTransaction.Hash, predicted));
            var mined = await WaitForReceiptAsync(step, sentTransaction, cancellationToken).ConfigureAwait(false);
            if (mined.Status?.Value != BigInteger.One)
            {
                throw new DeploymentException(step, $"transaction {sentTransaction.Hash} was mined in block {mined.BlockNumber?.Value.ToString(CultureInfo.InvariantCulture)} with status 0 (reverted)");
            }

            return mined;
        }

        string raw;
        try
        {
            raw = (await sign().WaitAsync(cancellationToken).ConfigureAwait(false)).EnsureHexPrefix();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not RwaComputeException)
        {
            throw new DeploymentException(step, "the transaction could not be prepared (gas estimation or signing failed): " + ex.Message, ex);
        }

        // A signed transaction's hash is keccak256 of its raw encoding (typed envelopes included): journal it before the
        // transaction exists anywhere, so a crash at any later point leaves a hash to look for.
        var hash = EthereumHex.KeccakHex(raw.HexToByteArray());
        await run.Journal.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = step, State = JournalStates.Sent, PredictedAddress = predicted, TxHash = hash }, cancellationToken).ConfigureAwait(false);
        string sent;
        try
        {
            sent = await web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DeploymentException(step, $"the node rejected transaction {hash}: {ex.Message}", ex);
        }

        if (!EthereumHex.SameHex(sent, hash))
        {
            hash = sent;
            await run.Journal.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = step, State = JournalStates.Sent, PredictedAddress = predicted, TxHash = hash }, cancellationToken).ConfigureAwait(false);
        }

        DeploymentLog.Sent(logger, step, hash);
        progress?.Report(new DeploymentStep(step, DeploymentStepState.Sent, hash, predicted));
        var receipt = await WaitForReceiptAsync(step, hash, raw, cancellationToken).ConfigureAwait(false);
        if (receipt.Status?.Value != BigInteger.One)
        {
            throw new DeploymentException(step, $"transaction {hash} was mined in block {receipt.BlockNumber?.Value.ToString(CultureInfo.InvariantCulture)} with status 0 (reverted)");
        }

        return receipt;
    }

    /// <summary>Waits through the SDK's one receipt pipeline (<see cref="ReceiptWaiter"/>): back-off polling, a dropped
    /// transaction re-broadcast from its signed bytes, "dropped" only when another transaction took the nonce, a node
    /// that stays away ends the wait as "possibly sent" (the step is journaled: a re-run resumes it).</summary>
    private async Task<TransactionReceipt> WaitForReceiptAsync(string step, string hash, string? raw, CancellationToken cancellationToken)
    {
        // The node just took (or already had) the transaction: it tells the nonce, whatever the envelope type. Without
        // raw bytes (a journaled hash being resumed) the waiter polls but never re-broadcasts.
        var known = await web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(hash).WaitAsync(cancellationToken).ConfigureAwait(false);
        var sent = new SentTransaction(
            hash,
            known?.From ?? AdminAddress(),
            known?.Nonce?.Value ?? BigInteger.MinusOne,
            new TransactionCall(known?.To ?? string.Empty, known?.Input ?? "0x", known?.Value?.Value ?? BigInteger.Zero, step),
            known?.Gas?.Value ?? BigInteger.Zero,
            raw ?? string.Empty);
        return await WaitForReceiptAsync(step, sent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a transaction whose nonce and bytes are known (the SDK pipeline just sent it).</summary>
    private async Task<TransactionReceipt> WaitForReceiptAsync(string step, SentTransaction sent, CancellationToken cancellationToken)
    {
        var hash = sent.Hash;
        var options = ReceiptOptions;
        var waiter = new ReceiptWaiter(new ChainRpc(web3.Client, "the deployment's node"), options, logger);
        try
        {
            return await waiter.WaitAsync(sent, 1, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionPossiblySentException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeploymentException(step, $"transaction {hash} is not confirmed ({ex.Reason}); it is journaled: re-run to resume", ex);
        }
        catch (TransactionDroppedException ex)
        {
            throw new DeploymentException(step, $"transaction {hash} was replaced by {ex.ReplacedBy ?? "another transaction of the account"}; re-run to resume", ex);
        }
    }

    private async Task<TransactionReceipt?> ReceiptAsync(string hash, CancellationToken cancellationToken)
    {
        var receipt = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash).WaitAsync(cancellationToken).ConfigureAwait(false);
        return receipt?.BlockNumber is null ? null : receipt;
    }

    private async Task<byte[]> RoleIdAsync(RoleAssignment grant, string contract, CancellationToken cancellationToken, string? field = null)
    {
        var prefix = field is null ? string.Empty : field + ": ";
        if (EthereumHex.IsHash32(grant.Role))
        {
            return grant.Role.HexToByteArray();
        }

        // Role constants are public getters (`bytes32 public constant ESCROW_ROLE`): read the id from the contract
        // rather than assuming keccak256(name) (DEFAULT_ADMIN_ROLE is 0x00).
        var selector = EthereumHex.Keccak(Encoding.ASCII.GetBytes(grant.Role + "()")).AsSpan(0, 4).ToArray().ToHex(true);
        string result;
        try
        {
            result = await web3.Eth.Transactions.Call.SendRequestAsync(new CallInput { To = contract, Data = selector }).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DeploymentException(grant.Contract, $"{prefix}has no role constant {grant.Role}() ({ex.Message})", ex);
        }

        var bytes = EthereumHex.FromHex(result);
        if (bytes.Length != 32)
        {
            throw new DeploymentException(grant.Contract, $"{prefix}has no role constant {grant.Role}() (the call returned {bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes)");
        }

        return bytes;
    }

    private Task<bool> HasRoleAsync(string contract, byte[] role, string account, CancellationToken cancellationToken) =>
        web3.Eth.GetContractQueryHandler<HasRoleFunction>()
            .QueryAsync<bool>(contract, new HasRoleFunction { Role = role, Account = account })
            .WaitAsync(cancellationToken);

    private async Task<byte[]> CodeAsync(string address, CancellationToken cancellationToken) =>
        EthereumHex.FromHex(await web3.Eth.GetCode.SendRequestAsync(address).WaitAsync(cancellationToken).ConfigureAwait(false));

    private async Task<long> ChainIdAsync(CancellationToken cancellationToken)
    {
        var id = await web3.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)id.Value;
    }

    /// <summary>The SDK pipeline (fees, nonces, exactly-once broadcast, receipts) for the deploying key, when the Web3
    /// account exposes it; the deployment then sends exactly like every other SDK operation.</summary>
    private TransactionSender? CreateSender(Run run)
    {
        if (web3.Eth.TransactionManager?.Account is not Nethereum.Web3.Accounts.Account { PrivateKey: { Length: > 0 } key })
        {
            return null;
        }

        var signer = RwaSigner.FromPrivateKey(key);
        var rpc = new ChainRpc(web3.Client, "the deployment's node");
        var options = ReceiptOptions with { Journal = new StepJournal(run) };
        var nonces = new NonceManager((address, ct) => rpc.PendingNonceAsync(address, ct));
        return new TransactionSender(rpc, signer, run.ChainId, nonces, new FeeEstimator(rpc, options), new ReceiptWaiter(rpc, options, logger, nonces), options, Transactions.SuiteErrorDecoder.Instance, logger);
    }

    private TransactionOptions ReceiptOptions => new()
    {
        ReceiptTimeout = ReceiptTimeout,
        InitialPollInterval = FirstPollInterval,
        MaxPollInterval = MaxReceiptPollInterval,
        PollBackoffFactor = 2,
    };

    private string AdminAddress()
    {
        var account = web3.Eth.TransactionManager?.Account
            ?? throw new DeploymentException("The Web3 instance has no account: create it with an Account (its key signs the deployment and becomes every contract's admin).");
        return EthereumHex.TryNormalizeAddress(account.Address, out var address, out var reason)
            ? address
            : throw new DeploymentException("The Web3 account's address " + reason);
    }

    private static void SetOracleSettings(Run run) =>
        run.Oracle = new OracleSettings { Reporters = run.Config.Reporters, Quorum = run.Config.Quorum, MaxAgeSeconds = run.Config.OracleMaxAgeSeconds };

    private static async Task SaveAsync(Run run, CancellationToken cancellationToken)
    {
        var contracts = new Dictionary<string, ContractDeployment>(StringComparer.Ordinal);
        foreach (var name in ManifestContractNames.All.Concat(ManifestContractNames.Optional))
        {
            if (run.Contracts.TryGetValue(name, out var contract))
            {
                contracts[name] = contract;
            }
        }

        var manifest = new DeploymentManifest
        {
            SchemaVersion = DeploymentManifest.CurrentSchemaVersion,
            ChainId = run.ChainId,
            ToolkitVersion = DeploymentManifest.CurrentToolkitVersion,
            Deployer = run.Admin,
            UpdatedAt = DateTimeOffset.UtcNow,
            Contracts = contracts,
            Roles = run.Roles.ToList(),
            Oracle = run.Oracle,
        };

        // Saving is not cancellable half-way: a completed step must reach the manifest.
        await manifest.SaveAsync(run.Path, CancellationToken.None).ConfigureAwait(false);
        run.Manifest = manifest with { SourcePath = run.Path };
        run.Dirty = false;
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The state of one <see cref="DeployAsync"/> call.</summary>
    private sealed class Run
    {
        public Run(DeployConfig config, long chainId, string admin, string path, DeploymentManifest? existing)
        {
            Config = config;
            ChainId = chainId;
            Admin = admin;
            Path = path;
            Existing = existing;
            Manifest = existing;
            Contracts = existing is null
                ? new Dictionary<string, ContractDeployment>(StringComparer.Ordinal)
                : new Dictionary<string, ContractDeployment>(existing.Contracts, StringComparer.Ordinal);
            Roles = existing?.Roles.ToList() ?? [];
            Oracle = existing?.Oracle;
        }

        public DeployConfig Config { get; }

        public long ChainId { get; }

        public string Admin { get; }

        public string Path { get; }

        public DeploymentManifest? Existing { get; }

        public DeploymentManifest? Manifest { get; set; }

        public Dictionary<string, ContractDeployment> Contracts { get; }

        public List<RoleGrant> Roles { get; }

        public OracleSettings? Oracle { get; set; }

        public DeploymentJournal? Journal { get; set; }

        public bool Dirty { get; set; }

        /// <summary>The SDK's transaction pipeline for the deploying key, when the Web3 account holds a private key
        /// (<see langword="null"/>: the account signs through Nethereum, as before).</summary>
        public TransactionSender? Sender { get; set; }

        /// <summary>The step and predicted address the next broadcast belongs to (for the journal).</summary>
        public (string Step, string? Predicted) Current { get; set; }
    }

    /// <summary>Writes the deployment journal's "sent" line with the hash before the pipeline broadcasts (the deployer
    /// resolves earlier attempts itself, from its own journal, so nothing is looked up here).</summary>
    private sealed class StepJournal(Run run) : ITransactionJournal
    {
        public ValueTask<JournaledTransaction?> FindAsync(long chainId, string from, TransactionCall transactionCall, CancellationToken cancellationToken) =>
            ValueTask.FromResult<JournaledTransaction?>(null);

        public async ValueTask RecordAsync(JournaledTransaction transaction, CancellationToken cancellationToken) =>
            await run.Journal!.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = run.Current.Step, State = JournalStates.Sent, PredictedAddress = run.Current.Predicted, TxHash = transaction.Hash }, cancellationToken).ConfigureAwait(false);

        public ValueTask MarkMinedAsync(string hash, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ForgetAsync(string hash, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

using System.Numerics;
using System.Text;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.SuiteTimelock;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// Governance of the suite: the default admin of the token, the oracle, the escrow, the market and the lending module (OpenZeppelin's
/// <c>AccessControlDefaultAdminRules</c>) is handed over in two steps — the current admin begins
/// (<c>beginDefaultAdminTransfer</c>, done by <see cref="SuiteDeployer"/> when <c>deploy.json</c> has a
/// <c>governance</c> section), the new admin accepts once the contract's admin delay has passed. This client reads the
/// admin state, accepts as the signer (<see cref="AcceptAdminAsync"/>), or makes a <c>SuiteTimelock</c> accept through
/// a scheduled batch (<see cref="ScheduleAcceptAdminAsync"/>, then <see cref="ExecuteAcceptAdminAsync"/>).
/// </summary>
/// <remarks>Every sending method checks the chain first and throws a typed <see cref="PreflightException"/> before
/// anything is sent; each is idempotent: what is already done is skipped, so an interrupted run is simply
/// re-run.</remarks>
/// <example>
/// <code>
/// var multisig = client.WithSigner(newAdminSigner);
/// foreach (var state in await multisig.Governance.GetAdminStatesAsync())
///     Console.WriteLine($"{state.Contract}: admin {state.Admin}, pending {state.PendingAdmin} after {state.PendingSchedule}");
/// await multisig.Governance.AcceptAdminAsync();
/// </code>
/// </example>
public sealed class GovernanceClient : IGovernanceClient
{
    /// <summary>The selector of <c>acceptDefaultAdminTransfer()</c>: the whole calldata of an acceptance.</summary>
    public const string AcceptAdminCalldata = "0xcefc1429";

    /// <summary>The role a timelock proposer holds.</summary>
    public const string ProposerRole = "PROPOSER_ROLE";

    /// <summary>The role a timelock executor holds.</summary>
    public const string ExecutorRole = "EXECUTOR_ROLE";

    private readonly SuiteContext context;

    internal GovernanceClient(SuiteContext context)
    {
        this.context = context;
    }

    /// <summary>The salt of the timelocked acceptance batch: keccak256 of
    /// <c>"rwacompute:acceptDefaultAdminTransfer"</c>, so every tool derives the same operation id.</summary>
    public static IReadOnlyList<byte> AcceptAdminSalt { get; } = EthereumHex.Keccak(Encoding.UTF8.GetBytes("rwacompute:acceptDefaultAdminTransfer"));

    /// <inheritdoc/>
    public string? TimelockAddress => context.Manifest.TimelockAddress;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AdminState>> GetAdminStatesAsync(CancellationToken cancellationToken = default)
    {
        var states = new List<AdminState>();
        foreach (var (name, _) in Administered())
        {
            states.Add(await GetAdminStateAsync(name, cancellationToken).ConfigureAwait(false));
        }

        return states;
    }

    /// <inheritdoc/>
    public async Task<AdminState> GetAdminStateAsync(string contract, CancellationToken cancellationToken = default)
    {
        var address = AddressOf(contract);
        var service = new ComputeCapacityTokenService(context.Web3, address);
        var admin = await context.ReadAsync(ct => service.DefaultAdminQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var pending = await context.ReadAsync(ct => service.PendingDefaultAdminQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var delay = await context.ReadAsync(ct => service.DefaultAdminDelayQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var pendingAdmin = IsZero(pending.NewAdmin) ? null : Guard.Address(pending.NewAdmin, "pendingDefaultAdmin");
        return new AdminState(
            contract,
            address,
            Guard.Address(admin, "defaultAdmin", allowZero: true),
            pendingAdmin,
            pendingAdmin is null ? null : SuiteContext.Time(pending.Schedule),
            delay);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AdminAcceptance>> AcceptAdminAsync(CancellationToken cancellationToken = default)
    {
        var account = context.Account;
        var states = await GetAdminStatesAsync(cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        var toAccept = new List<AdminState>();
        foreach (var state in states)
        {
            if (Same(state.Admin, account))
            {
                continue;
            }

            RequireAcceptable(state, account, now);
            toAccept.Add(state);
        }

        var results = new List<AdminAcceptance>();
        foreach (var state in states)
        {
            if (!toAccept.Contains(state))
            {
                results.Add(new AdminAcceptance(state.Contract, state.Address, null));
                continue;
            }

            var call = TransactionCall.For(state.Address, new AcceptDefaultAdminTransferFunction(), $"{state.Contract}.acceptDefaultAdminTransfer()", DecoderFor(state.Contract));
            var receipt = await context.SendAsync(call, cancellationToken).ConfigureAwait(false);
            results.Add(new AdminAcceptance(state.Contract, state.Address, TransactionResult.From(receipt)));
        }

        return results;
    }

    /// <inheritdoc/>
    public TimelockBatch AcceptAdminBatch()
    {
        var payload = new AcceptDefaultAdminTransferFunction().GetCallData();
        var targets = Administered().Select(c => c.Address).ToList();
        return new TimelockBatch(targets, [.. targets.Select(_ => BigInteger.Zero)], [.. targets.Select(_ => (byte[])payload.Clone())], new byte[32], [.. AcceptAdminSalt]);
    }

    /// <inheritdoc/>
    public async Task<TimelockOperationStatus> GetAcceptAdminOperationAsync(string? timelock = null, CancellationToken cancellationToken = default)
    {
        var service = await TimelockAsync(timelock, cancellationToken).ConfigureAwait(false);
        return await OperationAsync(service, AcceptAdminBatch(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TimelockStep> ScheduleAcceptAdminAsync(string? timelock = null, CancellationToken cancellationToken = default)
    {
        var account = context.Account;
        var service = await TimelockAsync(timelock, cancellationToken).ConfigureAwait(false);
        var batch = AcceptAdminBatch();
        var operation = await OperationAsync(service, batch, cancellationToken).ConfigureAwait(false);
        if (operation.State != OperationState.Unset)
        {
            return new TimelockStep(TimelockAction.None, operation, null);
        }

        await RequireRoleAsync(service, ProposerRole, account, allowOpenRole: false, cancellationToken).ConfigureAwait(false);
        foreach (var state in await GetAdminStatesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!Same(state.PendingAdmin, service.ContractAddress))
            {
                throw new NotPendingAdminException(state.Contract, state.Address, service.ContractAddress, state.Admin, state.PendingAdmin);
            }
        }

        var call = TransactionCall.For(service.ContractAddress, batch.ScheduleMessage(operation.MinDelaySeconds), $"timelock.scheduleBatch(acceptDefaultAdminTransfer x{batch.Targets.Count}, delay {operation.MinDelaySeconds} s)", SuiteErrorDecoder.ForTimelock);
        var receipt = await context.SendAsync(call, cancellationToken).ConfigureAwait(false);
        return new TimelockStep(TimelockAction.Scheduled, await OperationAsync(service, batch, cancellationToken).ConfigureAwait(false), TransactionResult.From(receipt));
    }

    /// <inheritdoc/>
    public async Task<TimelockStep> ExecuteAcceptAdminAsync(string? timelock = null, CancellationToken cancellationToken = default)
    {
        var account = context.Account;
        var service = await TimelockAsync(timelock, cancellationToken).ConfigureAwait(false);
        var batch = AcceptAdminBatch();
        var operation = await OperationAsync(service, batch, cancellationToken).ConfigureAwait(false);
        if (operation.State == OperationState.Done)
        {
            return new TimelockStep(TimelockAction.None, operation, null);
        }

        await RequireRoleAsync(service, ExecutorRole, account, allowOpenRole: true, cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (operation.State != OperationState.Ready)
        {
            throw new TimelockOperationNotReadyException(operation, now);
        }

        foreach (var state in await GetAdminStatesAsync(cancellationToken).ConfigureAwait(false))
        {
            RequireAcceptable(state, service.ContractAddress, now);
        }

        var call = TransactionCall.For(service.ContractAddress, batch.ExecuteMessage(), $"timelock.executeBatch(acceptDefaultAdminTransfer x{batch.Targets.Count})", SuiteErrorDecoder.ForTimelock);
        var receipt = await context.SendAsync(call, cancellationToken).ConfigureAwait(false);
        return new TimelockStep(TimelockAction.Executed, await OperationAsync(service, batch, cancellationToken).ConfigureAwait(false), TransactionResult.From(receipt));
    }

    /// <inheritdoc/>
    public async Task<TimelockStep> AdvanceAcceptAdminAsync(string? timelock = null, CancellationToken cancellationToken = default)
    {
        var operation = await GetAcceptAdminOperationAsync(timelock, cancellationToken).ConfigureAwait(false);
        switch (operation.State)
        {
            case OperationState.Unset:
                return await ScheduleAcceptAdminAsync(operation.Timelock, cancellationToken).ConfigureAwait(false);
            case OperationState.Waiting:
                throw new TimelockOperationNotReadyException(operation, await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false));
            case OperationState.Ready:
                return await ExecuteAcceptAdminAsync(operation.Timelock, cancellationToken).ConfigureAwait(false);
            default:
                return new TimelockStep(TimelockAction.None, operation, null);
        }
    }

    private static void RequireAcceptable(AdminState state, string account, DateTimeOffset now)
    {
        if (!Same(state.PendingAdmin, account))
        {
            throw new NotPendingAdminException(state.Contract, state.Address, account, state.Admin, state.PendingAdmin);
        }

        if (!state.IsAcceptableAt(now))
        {
            throw new AdminDelayNotElapsedException(state.Contract, state.Address, state.PendingSchedule!.Value, now);
        }
    }

    private static bool Same(string? left, string? right) => left is not null && right is not null && string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    private static bool IsZero(string? address) => string.IsNullOrEmpty(address) || EthereumHex.FromHex(address).All(b => b == 0);

    private static SuiteErrorDecoder DecoderFor(string contract) => contract switch
    {
        ManifestContractNames.Oracle => SuiteErrorDecoder.ForOracle,
        ManifestContractNames.Escrow => SuiteErrorDecoder.ForEscrow,
        ManifestContractNames.Market => SuiteErrorDecoder.ForMarket,
        ManifestContractNames.Lending => SuiteErrorDecoder.ForLending,
        _ => SuiteErrorDecoder.ForToken,
    };

    private IEnumerable<(string Name, string Address)> Administered() =>
    [
        (ManifestContractNames.Token, context.TokenAddress),
        (ManifestContractNames.Oracle, context.OracleAddress),
        (ManifestContractNames.Escrow, context.EscrowAddress),
        (ManifestContractNames.Market, context.MarketAddress),
        (ManifestContractNames.Lending, context.LendingAddress),
    ];

    private string AddressOf(string contract) => contract switch
    {
        ManifestContractNames.Token => context.TokenAddress,
        ManifestContractNames.Oracle => context.OracleAddress,
        ManifestContractNames.Escrow => context.EscrowAddress,
        ManifestContractNames.Market => context.MarketAddress,
        ManifestContractNames.Lending => context.LendingAddress,
        _ => throw new InputValidationException(nameof(contract), $"'{contract}' is not one of {string.Join(", ", ManifestContractNames.Administered)}."),
    };

    private async Task<SuiteTimelockService> TimelockAsync(string? timelock, CancellationToken cancellationToken)
    {
        string address;
        if (timelock is null)
        {
            address = TimelockAddress
                ?? throw new InputValidationException(nameof(timelock), "the manifest lists no SuiteTimelock (deploy.json had no 'governance.timelock'); give the timelock's address.");
        }
        else
        {
            address = Guard.Address(timelock, nameof(timelock));
            var code = await context.Rpc.GetCodeAsync(address, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(code) || code == "0x")
            {
                throw new InputValidationException(nameof(timelock), $"no contract code at {address} on chain {context.ChainId}.");
            }
        }

        return new SuiteTimelockService(context.Web3, address);
    }

    private async Task<TimelockOperationStatus> OperationAsync(SuiteTimelockService service, TimelockBatch batch, CancellationToken cancellationToken)
    {
        var id = batch.OperationId.HexToByteArray();
        var state = await context.ReadAsync(ct => service.GetOperationStateQueryAsync(id, null, ct), cancellationToken).ConfigureAwait(false);
        var timestamp = await context.ReadAsync(ct => service.GetTimestampQueryAsync(id, null, ct), cancellationToken).ConfigureAwait(false);
        var minDelay = await context.ReadAsync(ct => service.GetMinDelayQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);

        // getTimestamp: 0 = unset, 1 = done (OpenZeppelin's _DONE_TIMESTAMP), otherwise when it becomes ready.
        DateTimeOffset? readyAt = timestamp > BigInteger.One && timestamp <= ulong.MaxValue ? SuiteContext.Time((ulong)timestamp) : null;
        return new TimelockOperationStatus(service.ContractAddress, batch.OperationId, state, readyAt, minDelay);
    }

    private async Task RequireRoleAsync(SuiteTimelockService service, string role, string account, bool allowOpenRole, CancellationToken cancellationToken)
    {
        var id = Roles.Id(role);
        if (await context.ReadAsync(ct => service.HasRoleQueryAsync(id, account, null, ct), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // OpenZeppelin's onlyRoleOrOpenRole: EXECUTOR_ROLE held by the zero address lets anyone execute.
        if (allowOpenRole && await context.ReadAsync(ct => service.HasRoleQueryAsync(id, EthereumHex.ZeroAddress, null, ct), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        throw new TimelockRoleMissingException(service.ContractAddress, role, account);
    }
}

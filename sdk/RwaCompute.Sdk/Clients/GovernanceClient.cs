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
/// Governance of the suite: the default admin of the token, the oracle and the escrow (OpenZeppelin's
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
public sealed class GovernanceClient
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

    /// <summary>The manifest's <c>SuiteTimelock</c>, or <see langword="null"/> when it lists none.</summary>
    public string? TimelockAddress => context.Manifest.TimelockAddress;

    /// <summary>The default-admin state of the token, the oracle and the escrow, in that order.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>One state per contract.</returns>
    public async Task<IReadOnlyList<AdminState>> GetAdminStatesAsync(CancellationToken cancellationToken = default)
    {
        var states = new List<AdminState>();
        foreach (var (name, _) in Administered())
        {
            states.Add(await GetAdminStateAsync(name, cancellationToken).ConfigureAwait(false));
        }

        return states;
    }

    /// <summary>The default-admin state of one suite contract.</summary>
    /// <param name="contract"><see cref="ManifestContractNames.Token"/>, <see cref="ManifestContractNames.Oracle"/> or
    /// <see cref="ManifestContractNames.Escrow"/>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The state.</returns>
    /// <exception cref="InputValidationException">Another contract name.</exception>
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

    /// <summary>Accepts the default admin of the token, the oracle and the escrow as the signer
    /// (<c>acceptDefaultAdminTransfer</c>, one transaction per contract). A contract the signer already administers is
    /// skipped, so an interrupted run can be re-run.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was done on each contract.</returns>
    /// <exception cref="SignerException">The client is read-only.</exception>
    /// <exception cref="NotPendingAdminException">The signer is not the pending admin of a contract it does not
    /// administer yet. Nothing was sent.</exception>
    /// <exception cref="AdminDelayNotElapsedException">A contract's admin delay has not passed (chain time). Nothing was
    /// sent.</exception>
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

    /// <summary>The batch that makes a timelock accept the default admin of the token, the oracle and the escrow:
    /// <c>acceptDefaultAdminTransfer()</c> on each, no value, no predecessor, salt <see cref="AcceptAdminSalt"/>.</summary>
    /// <returns>The batch and its operation id.</returns>
    public TimelockBatch AcceptAdminBatch()
    {
        var payload = new AcceptDefaultAdminTransferFunction().GetCallData();
        var targets = Administered().Select(c => c.Address).ToList();
        return new TimelockBatch(targets, [.. targets.Select(_ => BigInteger.Zero)], [.. targets.Select(_ => (byte[])payload.Clone())], new byte[32], [.. AcceptAdminSalt]);
    }

    /// <summary>The state of the timelocked acceptance (<see cref="AcceptAdminBatch"/>) on a timelock.</summary>
    /// <param name="timelock">The timelock; the manifest's <c>SuiteTimelock</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The operation.</returns>
    /// <exception cref="InputValidationException">No timelock given and none in the manifest, a malformed address, or
    /// no contract code there.</exception>
    public async Task<TimelockOperationStatus> GetAcceptAdminOperationAsync(string? timelock = null, CancellationToken cancellationToken = default)
    {
        var service = await TimelockAsync(timelock, cancellationToken).ConfigureAwait(false);
        return await OperationAsync(service, AcceptAdminBatch(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Schedules the timelocked acceptance (<see cref="AcceptAdminBatch"/>) with the timelock's minimum delay.
    /// Sends nothing when it is already scheduled or executed.</summary>
    /// <param name="timelock">The timelock; the manifest's <c>SuiteTimelock</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The step (<see cref="TimelockAction.Scheduled"/> or <see cref="TimelockAction.None"/>).</returns>
    /// <exception cref="SignerException">The client is read-only.</exception>
    /// <exception cref="InputValidationException">No timelock, a malformed address, or no code there.</exception>
    /// <exception cref="TimelockRoleMissingException">The signer is not a proposer. Nothing was sent.</exception>
    /// <exception cref="NotPendingAdminException">The timelock is not the pending admin of a contract (no hand-over to
    /// it was begun): executing could never succeed. Nothing was sent.</exception>
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

    /// <summary>Executes the scheduled timelocked acceptance (<see cref="AcceptAdminBatch"/>): the timelock becomes the
    /// default admin of the token, the oracle and the escrow. Sends nothing when it was already executed.</summary>
    /// <param name="timelock">The timelock; the manifest's <c>SuiteTimelock</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The step (<see cref="TimelockAction.Executed"/> or <see cref="TimelockAction.None"/>).</returns>
    /// <exception cref="SignerException">The client is read-only.</exception>
    /// <exception cref="InputValidationException">No timelock, a malformed address, or no code there.</exception>
    /// <exception cref="TimelockRoleMissingException">The signer is not an executor (and execution is not open to
    /// anyone). Nothing was sent.</exception>
    /// <exception cref="TimelockOperationNotReadyException">The operation is not scheduled, or its delay has not passed.
    /// Nothing was sent.</exception>
    /// <exception cref="NotPendingAdminException">The timelock is not the pending admin of a contract. Nothing was
    /// sent.</exception>
    /// <exception cref="AdminDelayNotElapsedException">A contract's admin delay has not passed. Nothing was
    /// sent.</exception>
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

    /// <summary>Moves the timelocked acceptance one step forward: schedules it when it is not scheduled, executes it
    /// when it is ready, and does nothing when it is done (what <c>rwa admin accept --via-timelock</c> runs).</summary>
    /// <param name="timelock">The timelock; the manifest's <c>SuiteTimelock</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The step.</returns>
    /// <exception cref="TimelockOperationNotReadyException">Scheduled but still waiting. Nothing was sent.</exception>
    /// <exception cref="PreflightException">Any refusal of <see cref="ScheduleAcceptAdminAsync"/> or
    /// <see cref="ExecuteAcceptAdminAsync"/>.</exception>
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
        _ => SuiteErrorDecoder.ForToken,
    };

    private IEnumerable<(string Name, string Address)> Administered() =>
    [
        (ManifestContractNames.Token, context.TokenAddress),
        (ManifestContractNames.Oracle, context.OracleAddress),
        (ManifestContractNames.Escrow, context.EscrowAddress),
    ];

    private string AddressOf(string contract) => contract switch
    {
        ManifestContractNames.Token => context.TokenAddress,
        ManifestContractNames.Oracle => context.OracleAddress,
        ManifestContractNames.Escrow => context.EscrowAddress,
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

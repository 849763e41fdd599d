using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.SuiteTimelock;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Clients;

/// <summary>The operations of <see cref="GovernanceClient"/> as an interface, so applications can substitute a test double.</summary>
public interface IGovernanceClient
{
    /// <summary>The manifest's <c>SuiteTimelock</c>, or <see langword="null"/> when it lists none.</summary>
    string? TimelockAddress { get; }

    /// <summary>The default-admin state of the token, the oracle, the escrow, the market and the lending module, in that order.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>One state per contract.</returns>
    Task<IReadOnlyList<AdminState>> GetAdminStatesAsync(CancellationToken cancellationToken = default);

    /// <summary>The default-admin state of one suite contract.</summary>
    /// <param name="contract"><see cref="ManifestContractNames.Token"/>, <see cref="ManifestContractNames.Oracle"/> or
    /// <see cref="ManifestContractNames.Escrow"/>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The state.</returns>
    /// <exception cref="InputValidationException">Another contract name.</exception>
    Task<AdminState> GetAdminStateAsync(string contract, CancellationToken cancellationToken = default);

    /// <summary>Accepts the default admin of the token, the oracle, the escrow, the market and the lending module as the signer
    /// (<c>acceptDefaultAdminTransfer</c>, one transaction per contract). A contract the signer already administers is
    /// skipped, so an interrupted run can be re-run.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was done on each contract.</returns>
    /// <exception cref="SignerException">The client is read-only.</exception>
    /// <exception cref="NotPendingAdminException">The signer is not the pending admin of a contract it does not
    /// administer yet. Nothing was sent.</exception>
    /// <exception cref="AdminDelayNotElapsedException">A contract's admin delay has not passed (chain time). Nothing was
    /// sent.</exception>
    Task<IReadOnlyList<AdminAcceptance>> AcceptAdminAsync(CancellationToken cancellationToken = default);

    /// <summary>The batch that makes a timelock accept the default admin of the token, the oracle, the escrow, the market and the lending module:
    /// <c>acceptDefaultAdminTransfer()</c> on each, no value, no predecessor, salt <see cref="GovernanceClient.AcceptAdminSalt"/>.</summary>
    /// <returns>The batch and its operation id.</returns>
    TimelockBatch AcceptAdminBatch();

    /// <summary>The state of the timelocked acceptance (<see cref="AcceptAdminBatch"/>) on a timelock.</summary>
    /// <param name="timelock">The timelock; the manifest's <c>SuiteTimelock</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The operation.</returns>
    /// <exception cref="InputValidationException">No timelock given and none in the manifest, a malformed address, or
    /// no contract code there.</exception>
    Task<TimelockOperationStatus> GetAcceptAdminOperationAsync(string? timelock = null, CancellationToken cancellationToken = default);

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
    Task<TimelockStep> ScheduleAcceptAdminAsync(string? timelock = null, CancellationToken cancellationToken = default);

    /// <summary>Executes the scheduled timelocked acceptance (<see cref="AcceptAdminBatch"/>): the timelock becomes the
    /// default admin of the token, the oracle, the escrow, the market and the lending module. Sends nothing when it was already executed.</summary>
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
    Task<TimelockStep> ExecuteAcceptAdminAsync(string? timelock = null, CancellationToken cancellationToken = default);

    /// <summary>Moves the timelocked acceptance one step forward: schedules it when it is not scheduled, executes it
    /// when it is ready, and does nothing when it is done (what <c>rwa admin accept --via-timelock</c> runs).</summary>
    /// <param name="timelock">The timelock; the manifest's <c>SuiteTimelock</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The step.</returns>
    /// <exception cref="TimelockOperationNotReadyException">Scheduled but still waiting. Nothing was sent.</exception>
    /// <exception cref="PreflightException">Any refusal of <see cref="ScheduleAcceptAdminAsync"/> or
    /// <see cref="ExecuteAcceptAdminAsync"/>.</exception>
    Task<TimelockStep> AdvanceAcceptAdminAsync(string? timelock = null, CancellationToken cancellationToken = default);
}

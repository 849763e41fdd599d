using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Clients;

/// <summary>The operations of <see cref="ComputeTokenClient"/> as an interface, so applications can substitute a test double.</summary>
public interface IComputeTokenClient
{
    /// <summary>The token's address.</summary>
    string Address { get; }

    /// <summary>The generated binding, for anything this client does not wrap (read-only: its Web3 has no account).</summary>
    ComputeCapacityTokenService Service { get; }

    /// <summary>Registers a compute provider (REGISTRAR_ROLE).</summary>
    /// <param name="provider">The provider's address.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> RegisterProviderAsync(string provider, CancellationToken cancellationToken = default);

    /// <summary>Assigns a pool (cluster) to a registered provider (REGISTRAR_ROLE).</summary>
    /// <param name="poolId">The pool id (32 bytes; see <see cref="Bytes32Text.Parse"/> for labels).</param>
    /// <param name="provider">The owning provider.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> RegisterPoolAsync(byte[] poolId, string provider, CancellationToken cancellationToken = default);

    /// <summary>Whether an account is a registered provider.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if registered.</returns>
    Task<bool> IsProviderAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Creates a lot and issues its first units (the caller must be the lot's provider). Issuing is bonded:
    /// the escrow pulls <c>units × unitCover</c> (<see cref="BondMath.UnitCover"/>) of stablecoin from the signer; with
    /// <c>AutoApprove</c> the escrow's allowance is raised first.</summary>
    /// <param name="terms">The lot's defining fields.</param>
    /// <param name="to">The first holder (must be allowlisted).</param>
    /// <param name="units">Units (GPU-hours) to issue, 1 to 2^48-1.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new lot id and the mined transaction.</returns>
    /// <exception cref="InputValidationException">Bad terms (bond coverage outside 1–10,000 bps, a zero metadata
    /// hash...), address or units.</exception>
    /// <exception cref="LotExpiredException">The window ends before the chain's current time.</exception>
    /// <exception cref="InsufficientBondFundingException">The signer's stablecoin balance, or its allowance to the
    /// escrow without <c>AutoApprove</c>, cannot pay the bond.</exception>
    Task<TransactionResult<BigInteger>> IssueLotAsync(LotTerms terms, string to, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>Issues more units of an existing lot (the caller must be the lot's provider). Bonded like
    /// <see cref="IssueLotAsync"/>: the escrow pulls whatever makes the lot's free bond cover every outstanding
    /// unit.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="to">The holder (must be allowlisted).</param>
    /// <param name="units">Units to issue.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="InsufficientBondFundingException">The signer's stablecoin balance, or its allowance to the
    /// escrow without <c>AutoApprove</c>, cannot pay the bond shortfall.</exception>
    Task<TransactionResult> IssueAsync(BigInteger lotId, string to, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>Builds the call for <see cref="IssueAsync"/> without preflight reads, for pipelined bulk issuance
    /// with <see cref="TransactionSender.SendAsync"/> (the node's simulation still rejects a bad call). Nothing
    /// approves the bond here: the provider's allowance to the escrow must already cover what the issues pull.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="to">The holder.</param>
    /// <param name="units">Units to issue.</param>
    /// <returns>The call.</returns>
    TransactionCall IssueCall(BigInteger lotId, string to, BigInteger units);

    /// <summary>Issues units of one lot to many holders, one <c>issue</c> transaction each, through the bulk path
    /// (<see cref="TransactionSender.SendBatchAsync"/>): every recipient and amount is validated before anything is
    /// read or sent, the lot is checked once (exists, not expired), the bond the issues pull in all is checked (and,
    /// with <c>AutoApprove</c>, approved) once, then the calls are simulated once per shape, signed locally and sent as
    /// JSON-RPC batches.</summary>
    /// <remarks>With the default <see cref="BatchSimulation.PerShape"/> a single bad recipient (not allowlisted,
    /// frozen) is not caught by a simulation: its transaction is mined reverted and its result carries the typed error
    /// (the others are unaffected). Pass <c>new BatchOptions { Simulation = BatchSimulation.EveryCall }</c> to simulate
    /// each issue before anything is signed.
    /// <example>
    /// <code>
    /// var results = await client.Token.IssueManyAsync(lotId, [(alice, 10), (bob, 5)], cancellationToken: ct);
    /// results.EnsureAllMined();
    /// </code>
    /// </example>
    /// </remarks>
    /// <param name="lotId">The lot.</param>
    /// <param name="issues">The holders (each must be allowlisted) and their units (1 to 2^48-1 each).</param>
    /// <param name="batchOptions">Chunking, simulation, signing (defaults when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels (see <see cref="TransactionSender.SendBatchAsync"/> for what a
    /// cancellation after the first broadcast means).</param>
    /// <returns>One result per issue, in order.</returns>
    /// <exception cref="InputValidationException">No issues, a malformed or zero address, or units out of range
    /// (<see cref="InvalidAddressException"/>, <see cref="AmountOutOfRangeException"/>): nothing was sent.</exception>
    /// <exception cref="LotNotFoundException">No such lot.</exception>
    /// <exception cref="LotExpiredException">The lot expired.</exception>
    /// <exception cref="InsufficientBondFundingException">The signer's stablecoin balance, or its allowance to the
    /// escrow without <c>AutoApprove</c>, cannot pay the bond of all the issues.</exception>
    Task<BatchResult> IssueManyAsync(BigInteger lotId, IEnumerable<(string To, BigInteger Units)> issues, BatchOptions? batchOptions = null, CancellationToken cancellationToken = default);

    /// <summary>Issues units of several lots to one holder in one transaction. Bonded like
    /// <see cref="IssueAsync"/>, lot by lot.</summary>
    /// <param name="lotIds">The lots.</param>
    /// <param name="to">The holder.</param>
    /// <param name="units">Units per lot, in the same order.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="InsufficientBondFundingException">The signer's stablecoin balance, or its allowance to the
    /// escrow without <c>AutoApprove</c>, cannot pay the bond shortfalls.</exception>
    Task<TransactionResult> IssueBatchAsync(IReadOnlyList<BigInteger> lotIds, string to, IReadOnlyList<BigInteger> units, CancellationToken cancellationToken = default);

    /// <summary>Reads a lot.</summary>
    /// <param name="lotId">The lot id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lot.</returns>
    /// <exception cref="LotNotFoundException">No such lot.</exception>
    Task<LotInfo> GetLotAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Whether a lot exists.</summary>
    /// <param name="lotId">The lot id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if it was issued.</returns>
    Task<bool> ExistsAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>An account's balance of a lot (locked units included).</summary>
    /// <param name="account">The account.</param>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Units held.</returns>
    Task<BigInteger> BalanceOfAsync(string account, BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Units of a lot an account has locked (pledged or offered for sale).</summary>
    /// <param name="account">The account.</param>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Locked units.</returns>
    Task<BigInteger> LockedBalanceOfAsync(string account, BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Units of a lot in circulation.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The supply.</returns>
    Task<BigInteger> TotalSupplyAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Asks the token whether a transfer would pass its compliance rules.</summary>
    /// <param name="from">The sender.</param>
    /// <param name="to">The receiver.</param>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">The units.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reason code (<see cref="TransferStatus.Ok"/> when allowed).</returns>
    Task<TransferStatus> CanTransferAsync(string from, string to, BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>Whether an account could receive units now (the receiver half of <see cref="CanTransferAsync"/>).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="TransferStatus.Ok"/>, <see cref="TransferStatus.InvalidReceiver"/> (the zero address, or a
    /// contract that does not declare IERC1155Receiver through ERC-165), <see cref="TransferStatus.ReceiverFrozen"/> or
    /// <see cref="TransferStatus.ReceiverNotAllowed"/>.</returns>
    Task<TransferStatus> ReceiverStatusAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Until when units of a lot can be redeemed: its end, extended to <c>PAUSE_CURE</c> after the unpause when
    /// a pause covered the end of the window (<see cref="DateTimeOffset.MaxValue"/> while such a pause lasts). The
    /// lot's bond stays locked until then.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time.</returns>
    Task<DateTimeOffset> RedeemableUntilAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>The token's last pause window.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>When it started and ended.</returns>
    Task<PauseWindow> PauseWindowAsync(CancellationToken cancellationToken = default);

    /// <summary>The time holders get after an unpause to redeem units whose window ended during a pause
    /// (<c>PAUSE_CURE</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The duration.</returns>
    Task<TimeSpan> PauseCureAsync(CancellationToken cancellationToken = default);

    /// <summary>The contract holding the lots' delivery bonds (the escrow), or <see langword="null"/> until
    /// <see cref="SetBondVaultAsync"/>: issuing needs it.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The checksummed address or <see langword="null"/>.</returns>
    Task<string?> BondVaultAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether an account is allowlisted.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if allowed.</returns>
    Task<bool> IsAllowedAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Whether an account is frozen.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if frozen.</returns>
    Task<bool> IsFrozenAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Whether the token is paused.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if paused.</returns>
    Task<bool> IsPausedAsync(CancellationToken cancellationToken = default);

    /// <summary>Transfers units from the signer to another holder, after checking the lot and
    /// <c>canTransfer</c>.</summary>
    /// <param name="to">The receiver.</param>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">The units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="TransferNotAllowedException">The compliance rules refuse it (nothing sent).</exception>
    Task<TransactionResult> TransferAsync(string to, BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>Lets an operator (for example the escrow) move the signer's units.</summary>
    /// <param name="operatorAddress">The operator.</param>
    /// <param name="approved">Grant or revoke.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> SetApprovalForAllAsync(string operatorAddress, bool approved, CancellationToken cancellationToken = default);

    /// <summary>Approves an operator for the signer's units unless already approved.</summary>
    /// <param name="operatorAddress">The operator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> if a transaction was sent.</returns>
    Task<bool> EnsureApprovalForAllAsync(string operatorAddress, CancellationToken cancellationToken = default);

    /// <summary>Adds or removes an account from the allowlist (COMPLIANCE_ROLE).</summary>
    /// <param name="account">The account.</param>
    /// <param name="allowed">Allow or remove.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> SetAllowedAsync(string account, bool allowed, CancellationToken cancellationToken = default);

    /// <summary>Allowlists (or removes) several accounts in one transaction (COMPLIANCE_ROLE).</summary>
    /// <param name="accounts">The accounts.</param>
    /// <param name="allowed">Allow or remove.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> SetAllowedBatchAsync(IReadOnlyList<string> accounts, bool allowed, CancellationToken cancellationToken = default);

    /// <summary>Freezes or unfreezes an account (COMPLIANCE_ROLE).</summary>
    /// <param name="account">The account.</param>
    /// <param name="frozen">Freeze or unfreeze.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> SetFrozenAsync(string account, bool frozen, CancellationToken cancellationToken = default);

    /// <summary>Pauses every transfer (PAUSER_ROLE).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> PauseAsync(CancellationToken cancellationToken = default);

    /// <summary>Lifts a pause (PAUSER_ROLE).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> UnpauseAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves units between holders without their consent, for recovery of lost keys or a court order
    /// (RECOVERY_ROLE). The receiver must still be allowlisted; locked units are not moved.</summary>
    /// <param name="from">The current holder.</param>
    /// <param name="to">The new holder.</param>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">The units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> ForcedTransferAsync(string from, string to, BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>Wires in the bond vault, once (DEFAULT_ADMIN_ROLE). <c>SuiteDeployer</c> does it, with the escrow, as a
    /// deployment step; this is for suites deployed otherwise.</summary>
    /// <param name="vault">The escrow's address.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <remarks>A second call is refused by the simulation with <c>ComputeTokenBondVaultAlreadySetException</c> (the
    /// vault already set), before anything is sent.</remarks>
    Task<TransactionResult> SetBondVaultAsync(string vault, CancellationToken cancellationToken = default);

    /// <summary>Grants one of the token's roles (DEFAULT_ADMIN_ROLE).</summary>
    /// <param name="role">The role's name as in the contract (for example <c>REGISTRAR_ROLE</c>) or its 32-byte
    /// hash.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="InputValidationException">The role is <c>DEFAULT_ADMIN_ROLE</c>, which the token never grants
    /// (it is handed over in two steps: <see cref="GovernanceClient"/>). Nothing was sent.</exception>
    Task<TransactionResult> GrantRoleAsync(string role, string account, CancellationToken cancellationToken = default);

    /// <summary>Whether an account holds one of the token's roles.</summary>
    /// <param name="role">The role's name or hash.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if it does.</returns>
    Task<bool> HasRoleAsync(string role, string account, CancellationToken cancellationToken = default);

    /// <summary>Throws unless the lot exists and its window has not ended (chain time).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The lot.</returns>
    /// <exception cref="LotNotFoundException">No such lot.</exception>
    /// <exception cref="LotExpiredException">The lot expired.</exception>
    Task<LotInfo> RequireLiveLotAsync(BigInteger lotId, CancellationToken cancellationToken = default);
}

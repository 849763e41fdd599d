namespace RwaCompute.Cli.Output;

// The shapes `rwa` prints, as tables (Tables) and as --json (CliJsonContext). Big integers are strings (lot ids as
// 0x hex, stablecoin amounts as exact decimal USDC text plus base units), times ISO-8601 UTC.

/// <summary>A lot.</summary>
internal sealed record LotView(
    string LotId,
    string Provider,
    string Pool,
    string GpuModel,
    string Region,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string ReferencePriceUsdc,
    string ReferencePriceBaseUnits,
    int SlaUptimeBps,
    int BondCoverageBps,
    string UnitCoverUsdc,
    long EnergyWhPerGpuHour,
    ulong UnitsIssued,
    ulong UnitsBurned,
    ulong UnitsOutstanding,
    string MetadataHash);

/// <summary>A holder's position in a lot and its stablecoin.</summary>
internal sealed record HolderView(string Name, string Address, string Units, string LockedUnits, string UsdcBalance, string ClaimableUsdc);

/// <summary>A sell offer.</summary>
internal sealed record OfferView(string OfferId, string Seller, string LotId, ulong UnitsRemaining, string PricePerUnitUsdc, DateTimeOffset ExpiresAt, string Status);

/// <summary>A pledge.</summary>
internal sealed record PledgeView(string PledgeId, string Holder, string Lender, string LotId, ulong Units, string PrincipalUsdc, string FeeUsdc, DateTimeOffset Maturity, string Status);

/// <summary>A redemption.</summary>
internal sealed record RedemptionView(string RedemptionId, string Holder, string LotId, ulong Units, string ReservedUsdc, DateTimeOffset Deadline, string Status);

/// <summary>A pool's latest oracle report.</summary>
internal sealed record ReportView(string Pool, ulong Epoch, int UtilizationBps, int UptimeBps, ulong DeliveredGpuHours, ulong EnergyKwh, int Signers, DateTimeOffset ObservedAt);

/// <summary>What <c>rwa devnet</c> built.</summary>
internal sealed record DevnetSummaryView(
    string RpcUrl,
    long ChainId,
    string ManifestPath,
    IReadOnlyList<LotView> Lots,
    IReadOnlyList<HolderView> Holders,
    IReadOnlyList<OfferView> Offers,
    IReadOnlyList<PledgeView> Pledges,
    IReadOnlyList<RedemptionView> Redemptions,
    IReadOnlyList<ReportView> Utilization,
    SolvencyView Solvency,
    long ElapsedMilliseconds);

/// <summary>A mined transaction (and the id it created, if any).</summary>
internal sealed record TransactionView(string Action, string TransactionHash, long BlockNumber, string GasUsed, string? Id = null);

/// <summary>A contract of a deployment.</summary>
internal sealed record ContractView(string Name, string Address, string? TransactionHash, long? BlockNumber, bool External, bool? CodeMatches);

/// <summary>A role grant of a deployment.</summary>
internal sealed record RoleView(string Contract, string Role, string Account, bool? Held);

/// <summary>The default admin of a suite contract and its pending two-step hand-over.</summary>
internal sealed record AdminView(string Contract, string Address, string Admin, string? PendingAdmin, DateTimeOffset? PendingSchedule, bool? PendingAcceptable, ulong DelaySeconds);

/// <summary>The manifest's SuiteTimelock and the state of its admin-acceptance operation.</summary>
internal sealed record TimelockView(string Address, string MinDelaySeconds, string AcceptOperationId, string AcceptOperationState, DateTimeOffset? AcceptOperationReadyAt);

/// <summary>What <c>rwa deploy</c> did.</summary>
internal sealed record DeployView(
    long ChainId,
    string ManifestPath,
    string JournalPath,
    string Deployer,
    int TransactionsSent,
    IReadOnlyList<ContractView> Contracts,
    IReadOnlyList<RoleView> Roles,
    IReadOnlyList<AdminView> Admins,
    string? NextStep);

/// <summary>What <c>rwa admin accept</c> did on one contract (no transaction: the signer already was the admin).</summary>
internal sealed record AcceptanceView(string Contract, string Address, string? TransactionHash, long? BlockNumber, string? GasUsed);

/// <summary>What <c>rwa admin accept</c> did.</summary>
internal sealed record AdminAcceptView(string Account, IReadOnlyList<AcceptanceView> Contracts);

/// <summary>What <c>rwa admin accept --via-timelock</c> did.</summary>
internal sealed record TimelockStepView(string Action, string Timelock, string OperationId, string State, DateTimeOffset? ReadyAt, TransactionView? Transaction);

/// <summary>One transaction a (multisig) admin or timelock proposer submits itself.</summary>
internal sealed record CalldataView(string Description, string To, string Value, string Data);

/// <summary>What <c>rwa admin calldata</c> prints.</summary>
internal sealed record AdminCalldataView(string? Timelock, string? OperationId, IReadOnlyList<CalldataView> Transactions);

/// <summary>The escrow's solvency: its stablecoin balance against what it owes (credits + bonds).</summary>
internal sealed record SolvencyView(string BalanceUsdc, string ObligationsUsdc, string CreditsUsdc, string BondsUsdc, string ReservedUsdc, bool Solvent);

/// <summary>What <c>rwa status</c> found.</summary>
internal sealed record StatusView(
    string RpcUrl,
    long ChainId,
    long BlockNumber,
    DateTimeOffset ChainTime,
    string ManifestPath,
    string? ToolkitVersion,
    IReadOnlyList<ContractView> Contracts,
    IReadOnlyList<RoleView> Roles,
    bool TokenPaused,
    string? BondVault,
    bool BondVaultIsEscrow,
    SolvencyView Solvency,
    IReadOnlyList<string> Reporters,
    int Quorum,
    IReadOnlyList<AdminView> Admins,
    TimelockView? Timelock);

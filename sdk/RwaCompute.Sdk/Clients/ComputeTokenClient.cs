using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The compute-capacity token (ERC-1155 lots): providers, issuance, balances, transfers and the compliance
/// controls. Every sending method validates its input and the chain state first (lot exists and is not expired,
/// <c>canTransfer</c>, the provider's stablecoin for the bond an issuance pulls, simulation) and throws a typed
/// exception without sending anything when a check fails.
/// </summary>
public sealed class ComputeTokenClient : IComputeTokenClient
{
    /// <summary>Largest units per issuance (the token stores issued units in 48 bits).</summary>
    public static readonly BigInteger MaxIssueUnits = (BigInteger.One << 48) - 1;

    private readonly SuiteContext context;
    private readonly StablecoinClient stablecoin;

    internal ComputeTokenClient(SuiteContext context, StablecoinClient stablecoin)
    {
        this.context = context;
        this.stablecoin = stablecoin;
    }

    /// <inheritdoc/>
    public string Address => context.TokenAddress;

    /// <inheritdoc/>
    public ComputeCapacityTokenService Service => context.Token;

    // ----------------------------------------------------------------- providers and pools (registrar)

    /// <inheritdoc/>
    public async Task<TransactionResult> RegisterProviderAsync(string provider, CancellationToken cancellationToken = default)
    {
        var account = Guard.Address(provider, nameof(provider));
        return await SendAsync(new RegisterProviderFunction { Provider = account }, $"token.registerProvider({account})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> RegisterPoolAsync(byte[] poolId, string provider, CancellationToken cancellationToken = default)
    {
        var pool = Guard.Bytes32(poolId, nameof(poolId));
        var account = Guard.Address(provider, nameof(provider));
        return await SendAsync(new RegisterPoolFunction { PoolId = pool, Provider = account }, $"token.registerPool({Bytes32Text.Format(pool)}, {account})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<bool> IsProviderAsync(string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return context.ReadAsync(ct => context.Token.IsProviderQueryAsync(address, null, ct), cancellationToken);
    }

    // ----------------------------------------------------------------- issuance (provider)

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> IssueLotAsync(LotTerms terms, string to, BigInteger units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var spec = (terms.Currency is null ? terms with { Currency = context.StablecoinAddress } : terms).ToSpec();
        var holder = Guard.Address(to, nameof(to));
        Guard.Amount(units, nameof(units), 48);
        var lotId = LotIds.Compute(spec);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (terms.EndsAt <= now)
        {
            throw new LotExpiredException(lotId, terms.EndsAt, now);
        }

        await RequireBondFundingAsync([(lotId, units, units, BondMath.UnitCover(spec.ReferencePrice, spec.BondCoverageBps), spec.Currency, terms.StartsAt)], cancellationToken).ConfigureAwait(false);

        var receipt = await context.SendAsync(
            TransactionCall.For(Address, new IssueLotFunction { Spec = spec, To = holder, Units = units }, $"token.issueLot(lot {LotIds.ToHex(lotId)}, {units} units to {holder})", SuiteErrorDecoder.ForToken),
            cancellationToken).ConfigureAwait(false);
        var created = receipt.DecodeAllEvents<LotCreatedEventDTO>().FirstOrDefault();
        return TransactionResult.From(created?.Event.LotId ?? lotId, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> IssueAsync(BigInteger lotId, string to, BigInteger units, CancellationToken cancellationToken = default)
    {
        var holder = Guard.Address(to, nameof(to));
        Guard.Amount(units, nameof(units), 48);
        var lot = await RequireLiveLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        await RequireBondFundingAsync([(lotId, lot.UnitsOutstanding + units, lot.UnitsIssued + units, lot.UnitCover, lot.Currency, lot.StartsAt)], cancellationToken).ConfigureAwait(false);
        return await SendAsync(new IssueFunction { LotId = lotId, To = holder, Units = units }, $"token.issue(lot {LotIds.ToHex(lotId)}, {units} units to {holder})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public TransactionCall IssueCall(BigInteger lotId, string to, BigInteger units)
    {
        var holder = Guard.Address(to, nameof(to));
        Guard.Amount(units, nameof(units), 48);
        Guard.Amount(lotId, nameof(lotId));
        return TransactionCall.For(Address, new IssueFunction { LotId = lotId, To = holder, Units = units }, $"token.issue(lot {LotIds.ToHex(lotId)}, {units} units to {holder})", SuiteErrorDecoder.ForToken);
    }

    /// <inheritdoc/>
    public async Task<BatchResult> IssueManyAsync(BigInteger lotId, IEnumerable<(string To, BigInteger Units)> issues, BatchOptions? batchOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issues);
        Guard.Amount(lotId, nameof(lotId));
        var list = issues.ToList();
        if (list.Count == 0)
        {
            throw new InputValidationException(nameof(issues), "no issues to send");
        }

        var calls = new List<TransactionCall>(list.Count);
        var total = BigInteger.Zero;
        for (var i = 0; i < list.Count; i++)
        {
            var holder = Guard.Address(list[i].To, $"{nameof(issues)}[{i}].To");
            Guard.Amount(list[i].Units, $"{nameof(issues)}[{i}].Units", 48);
            total += list[i].Units;
            calls.Add(TransactionCall.For(Address, new IssueFunction { LotId = lotId, To = holder, Units = list[i].Units }, $"token.issue(lot {lotId}, {list[i].Units} units to {holder})", SuiteErrorDecoder.ForToken));
        }

        var sender = context.RequireSender();
        var lot = await RequireLiveLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        await RequireBondFundingAsync([(lotId, lot.UnitsOutstanding + total, lot.UnitsIssued + total, lot.UnitCover, lot.Currency, lot.StartsAt)], cancellationToken).ConfigureAwait(false);
        return await sender.SendBatchAsync(calls, batchOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> IssueBatchAsync(IReadOnlyList<BigInteger> lotIds, string to, IReadOnlyList<BigInteger> units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lotIds);
        ArgumentNullException.ThrowIfNull(units);
        Guard.SameLength(lotIds.Count, units.Count, nameof(units));
        var holder = Guard.Address(to, nameof(to));
        // A lot named several times is covered in steps; what it pulls in all is its shortfall at the final count.
        var lots = new Dictionary<BigInteger, (LotInfo Lot, BigInteger Units)>();
        for (var i = 0; i < units.Count; i++)
        {
            Guard.Amount(units[i], $"{nameof(units)}[{i}]", 48);
            if (lots.TryGetValue(lotIds[i], out var entry))
            {
                lots[lotIds[i]] = (entry.Lot, entry.Units + units[i]);
                continue;
            }

            lots[lotIds[i]] = (await RequireLiveLotAsync(lotIds[i], cancellationToken).ConfigureAwait(false), units[i]);
        }

        await RequireBondFundingAsync([.. lots.Select(l => (l.Key, l.Value.Lot.UnitsOutstanding + l.Value.Units, l.Value.Lot.UnitsIssued + l.Value.Units, l.Value.Lot.UnitCover, l.Value.Lot.Currency, l.Value.Lot.StartsAt))], cancellationToken).ConfigureAwait(false);

        return await SendAsync(new IssueBatchFunction { LotIds = [.. lotIds], To = holder, Units = [.. units] }, $"token.issueBatch({lotIds.Count} lots to {holder})", cancellationToken).ConfigureAwait(false);
    }

    // ----------------------------------------------------------------- reads

    /// <inheritdoc/>
    public async Task<LotInfo> GetLotAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(lotId, nameof(lotId));
        Lot lot;
        try
        {
            lot = await context.ReadAsync(ct => context.Token.LotQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ComputeTokenUnknownLotException ex)
        {
            throw new LotNotFoundException(lotId, ex);
        }

        if (string.IsNullOrEmpty(lot.Provider) || lot.Provider == AddressUtil.ZERO_ADDRESS)
        {
            throw new LotNotFoundException(lotId);
        }

        return new LotInfo(
            lotId,
            new AddressUtil().ConvertToChecksumAddress(lot.Provider),
            lot.PoolId,
            Bytes32Text.Format(lot.GpuModel),
            Bytes32Text.Format(lot.Region),
            SuiteContext.Time(lot.StartsAt),
            SuiteContext.Time(lot.EndsAt),
            lot.ReferencePrice,
            lot.SlaUptimeBps,
            lot.BondCoverageBps,
            lot.EnergyWhPerGpuHour,
            lot.UnitsIssued,
            lot.UnitsBurned,
            lot.MetadataHash)
        {
            Currency = await LotCurrencyOrNullAsync(lotId, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <inheritdoc/>
    public Task<bool> ExistsAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(lotId, nameof(lotId), allowZero: true);
        return context.ReadAsync(ct => context.Token.ExistsQueryAsync(lotId, null, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<BigInteger> BalanceOfAsync(string account, BigInteger lotId, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account), allowZero: true);
        Guard.Amount(lotId, nameof(lotId), allowZero: true);
        return context.ReadAsync(ct => context.Token.BalanceOfQueryAsync(address, lotId, null, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<BigInteger> LockedBalanceOfAsync(string account, BigInteger lotId, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account), allowZero: true);
        return context.ReadAsync(ct => context.Token.LockedBalanceOfQueryAsync(address, lotId, null, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<BigInteger> TotalSupplyAsync(BigInteger lotId, CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Token.TotalSupplyQueryAsync(lotId, null, ct), cancellationToken);

    /// <inheritdoc/>
    public async Task<TransferStatus> CanTransferAsync(string from, string to, BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default)
    {
        var sender = Guard.Address(from, nameof(from));
        var receiver = Guard.Address(to, nameof(to), allowZero: true);
        Guard.Amount(units, nameof(units), allowZero: true);
        var code = await context.ReadAsync(ct => context.Token.CanTransferQueryAsync(sender, receiver, lotId, units, null, ct), cancellationToken).ConfigureAwait(false);
        return Status(code, "canTransfer");
    }

    /// <inheritdoc/>
    public async Task<TransferStatus> ReceiverStatusAsync(string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account), allowZero: true);
        var code = await context.ReadAsync(ct => context.Token.ReceiverStatusQueryAsync(address, null, ct), cancellationToken).ConfigureAwait(false);
        return Status(code, "receiverStatus");
    }

    /// <inheritdoc/>
    public async Task<DateTimeOffset> RedeemableUntilAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(lotId, nameof(lotId));
        return SuiteContext.Time(await context.ReadAsync(ct => context.Token.RedeemableUntilQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<PauseWindow> PauseWindowAsync(CancellationToken cancellationToken = default)
    {
        var window = await context.ReadAsync(ct => context.Token.PauseWindowQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        return new PauseWindow(
            window.PausedAt == 0 ? null : SuiteContext.Time(window.PausedAt),
            window.UnpausedAt == 0 ? null : SuiteContext.Time(window.UnpausedAt));
    }

    /// <inheritdoc/>
    public async Task<TimeSpan> PauseCureAsync(CancellationToken cancellationToken = default) =>
        TimeSpan.FromSeconds(await context.ReadAsync(ct => context.Token.PauseCureQueryAsync(null, ct), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async Task<string?> BondVaultAsync(CancellationToken cancellationToken = default)
    {
        var vault = await context.ReadAsync(ct => context.Token.BondVaultQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(vault) || new BigInteger(vault.HexToByteArray(), isUnsigned: true, isBigEndian: true).IsZero
            ? null
            : new AddressUtil().ConvertToChecksumAddress(vault);
    }

    /// <inheritdoc/>
    public Task<bool> IsAllowedAsync(string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return context.ReadAsync(ct => context.Token.IsAllowedQueryAsync(address, null, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> IsFrozenAsync(string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return context.ReadAsync(ct => context.Token.IsFrozenQueryAsync(address, null, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> IsPausedAsync(CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Token.PausedQueryAsync(null, ct), cancellationToken);

    // ----------------------------------------------------------------- transfers

    /// <inheritdoc/>
    public async Task<TransactionResult> TransferAsync(string to, BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default)
    {
        var receiver = Guard.Address(to, nameof(to));
        Guard.Amount(units, nameof(units), 64);
        var from = context.Account;
        // One call answers it all: canTransfer also reports an unknown or expired lot, mapped to their own exceptions.
        var status = await CanTransferAsync(from, receiver, lotId, units, cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case TransferStatus.Ok:
                break;
            case TransferStatus.UnknownLot:
                throw new LotNotFoundException(lotId);
            case TransferStatus.LotExpired:
                throw new LotExpiredException(lotId, LotIds.EndsAt(lotId), await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false));
            default:
                throw new TransferNotAllowedException(status, from, receiver, lotId, units);
        }

        return await SendAsync(new SafeTransferFromFunction { From = from, To = receiver, Id = lotId, Value = units, Data = [] }, $"token.transfer(lot {LotIds.ToHex(lotId)}, {units} units to {receiver})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> SetApprovalForAllAsync(string operatorAddress, bool approved, CancellationToken cancellationToken = default)
    {
        var account = Guard.Address(operatorAddress, nameof(operatorAddress));
        return await SendAsync(new SetApprovalForAllFunction { Operator = account, Approved = approved }, $"token.setApprovalForAll({account}, {approved})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> EnsureApprovalForAllAsync(string operatorAddress, CancellationToken cancellationToken = default)
    {
        var account = Guard.Address(operatorAddress, nameof(operatorAddress));
        var owner = context.Account;
        if (await context.ReadAsync(ct => context.Token.IsApprovedForAllQueryAsync(owner, account, null, ct), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await SetApprovalForAllAsync(account, true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // ----------------------------------------------------------------- compliance (admin)

    /// <inheritdoc/>
    public async Task<TransactionResult> SetAllowedAsync(string account, bool allowed, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return await SendAsync(new SetAllowedFunction { Account = address, Allowed = allowed }, $"token.setAllowed({address}, {allowed})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> SetAllowedBatchAsync(IReadOnlyList<string> accounts, bool allowed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (accounts.Count == 0)
        {
            throw new InputValidationException(nameof(accounts), "the batch is empty.");
        }

        var addresses = accounts.Select((a, i) => Guard.Address(a, $"{nameof(accounts)}[{i}]")).ToList();
        return await SendAsync(new SetAllowedBatchFunction { Accounts = addresses, Allowed = allowed }, $"token.setAllowedBatch({addresses.Count} accounts, {allowed})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> SetFrozenAsync(string account, bool frozen, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return await SendAsync(new SetFrozenFunction { Account = address, Frozen = frozen }, $"token.setFrozen({address}, {frozen})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<TransactionResult> PauseAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new PauseFunction(), "token.pause()", cancellationToken);

    /// <inheritdoc/>
    public Task<TransactionResult> UnpauseAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new UnpauseFunction(), "token.unpause()", cancellationToken);

    /// <inheritdoc/>
    public async Task<TransactionResult> ForcedTransferAsync(string from, string to, BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default)
    {
        var sender = Guard.Address(from, nameof(from));
        var receiver = Guard.Address(to, nameof(to));
        Guard.Amount(units, nameof(units), 64);
        await GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return await SendAsync(new ForcedTransferFunction { From = sender, To = receiver, LotId = lotId, Units = units }, $"token.forcedTransfer(lot {LotIds.ToHex(lotId)}, {units} units {sender} -> {receiver})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> SetBondVaultAsync(string vault, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(vault, nameof(vault));
        return await SendAsync(new SetBondVaultFunction { Vault = address }, $"token.setBondVault({address})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> GrantRoleAsync(string role, string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        var id = Roles.Id(role);
        if (id.All(b => b == 0))
        {
            throw new InputValidationException(nameof(role), "DEFAULT_ADMIN_ROLE cannot be granted: the admin is handed over in two steps (beginDefaultAdminTransfer, then the new admin accepts; see client.Governance).");
        }

        return await SendAsync(new GrantRoleFunction { Role = id, Account = address }, $"token.grantRole({role}, {address})", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<bool> HasRoleAsync(string role, string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        var id = Roles.Id(role);
        return context.ReadAsync(ct => context.Token.HasRoleQueryAsync(id, address, null, ct), cancellationToken);
    }

    // ----------------------------------------------------------------- helpers

    /// <inheritdoc/>
    public async Task<LotInfo> RequireLiveLotAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        var lot = await GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (lot.IsExpiredAt(now))
        {
            throw new LotExpiredException(lotId, lot.EndsAt, now);
        }

        return lot;
    }

    // Nethereum decodes any uint8 into the enum; a value the generated enum does not name means a newer token.
    private static TransferStatus Status(TransferStatus code, string function) =>
        Enum.IsDefined(code) ? code : throw new InvalidOperationException($"Unknown {function} code {(byte)code}: the SDK is older than the token.");

    /// <summary>Throws unless the signer can pay the bond an issuance pulls: per lot, what makes its free bond cover
    /// every outstanding unit. With AutoApprove the escrow's allowance is raised to the total; without, a short
    /// allowance is an error too. Checks the balance before approving anything.</summary>
    private async Task RequireBondFundingAsync(IReadOnlyList<(BigInteger LotId, BigInteger OutstandingAfter, BigInteger IssuedAfter, BigInteger UnitCover, string? Currency, DateTimeOffset StartsAt)> lots, CancellationToken cancellationToken)
    {
        var provider = context.Account;
        var vault = await BondVaultAsync(cancellationToken).ConfigureAwait(false);
        if (vault is null)
        {
            // Not wired yet: the simulation reports ComputeToken_BondVaultNotSet as its typed error, and nothing is
            // approved for a vault that does not exist.
            return;
        }

        var escrow = string.Equals(vault, context.EscrowAddress, StringComparison.OrdinalIgnoreCase) ? context.Escrow : new Contracts.ComputeEscrow.ComputeEscrowService(context.Web3, vault);
        // Each lot's bond is in its own currency: the shortfalls add up per currency.
        var needed = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        foreach (var (lotId, outstanding, issued, unitCover, currency, startsAt) in lots)
        {
            var bond = await context.ReadAsync(ct => escrow.BondOfQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
            // An interruptible lot (declared to the curtailment module before it existed) also bonds its refund cover
            // for every issued unit until it is finalized, and never more units than its capacity.
            var curtailment = await context.ReadAsync(ct => escrow.CurtailmentOfQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
            var refundCover = BigInteger.Zero;
            if (!curtailment.CurtailCover.IsZero && !curtailment.Reserved)
            {
                // Its refunds are shared per issued unit: its supply is fixed from its window's start (RC-1).
                var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
                if (now >= startsAt)
                {
                    throw new CurtailmentStateException(lotId, $"lot {LotIds.ToHex(lotId)} is interruptible and its window started {startsAt:u} (chain time {now:u}): its supply is fixed from then.");
                }

                if (issued > curtailment.CapacityUnits)
                {
                    throw new AmountOutOfRangeException("units", issued, BigInteger.One, curtailment.CapacityUnits, $"lot {LotIds.ToHex(lotId)}'s interruptible capacity (units issued in all)");
                }

                refundCover = issued * curtailment.CurtailCover;
            }

            var key = currency ?? context.StablecoinAddress;
            needed[key] = needed.GetValueOrDefault(key) + BondMath.IssueShortfall(outstanding, unitCover, new BondBalance(bond.Total, bond.Reserved), refundCover);
        }

        foreach (var (currency, amount) in needed)
        {
            if (amount.IsZero)
            {
                continue;
            }

            var coin = stablecoin.For(currency);
            var balance = await coin.BalanceOfAsync(provider, cancellationToken).ConfigureAwait(false);
            if (balance < amount)
            {
                throw new InsufficientBondFundingException(BondFundingLimit.Balance, provider, vault, amount, balance);
            }

            var allowance = await coin.AllowanceAsync(provider, vault, cancellationToken).ConfigureAwait(false);
            if (allowance >= amount)
            {
                continue;
            }

            if (!context.AutoApprove)
            {
                throw new InsufficientBondFundingException(BondFundingLimit.Allowance, provider, vault, amount, allowance);
            }

            await coin.ApproveAsync(vault, amount, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The lot's currency as the escrow recorded it, or <see langword="null"/> when it does not know the lot
    /// (a token wired to another vault).</summary>
    private async Task<string?> LotCurrencyOrNullAsync(BigInteger lotId, CancellationToken cancellationToken)
    {
        try
        {
            return await context.LotCurrencyAsync(lotId, cancellationToken).ConfigureAwait(false);
        }
        catch (LotNotFoundException)
        {
            return null;
        }
    }


    private async Task<TransactionResult> SendAsync<TFunction>(TFunction message, string description, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var receipt = await context.SendAsync(TransactionCall.For(Address, message, description, SuiteErrorDecoder.ForToken), cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }
}

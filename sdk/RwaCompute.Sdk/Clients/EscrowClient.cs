using System.Numerics;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The stablecoin escrow, the suite's custodian: pledge / repay / claim, provider bonds, redeem / confirm delivery / SLA
/// refund, and pull-payment withdrawals (sale proceeds the market credited included; trading itself is
/// <see cref="MarketClient"/>). With <c>AutoApprove</c> (the default) the client
/// raises the stablecoin allowance or the token operator approval a flow needs before sending it.
/// </summary>
public sealed class EscrowClient : IEscrowClient
{
    private readonly SuiteContext context;
    private readonly ComputeTokenClient token;
    private readonly StablecoinClient stablecoin;
    private PledgeRules? pledgeRules;

    internal EscrowClient(SuiteContext context, ComputeTokenClient token, StablecoinClient stablecoin)
    {
        this.context = context;
        this.token = token;
        this.stablecoin = stablecoin;
    }

    /// <inheritdoc/>
    public string Address => context.EscrowAddress;

    /// <inheritdoc/>
    public ComputeEscrowService Service => context.Escrow;

    // ----------------------------------------------------------------- pledge

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> RequestPledgeAsync(BigInteger lotId, BigInteger units, string? lender, BigInteger principal, BigInteger fee, DateTimeOffset maturity, CancellationToken cancellationToken = default)
    {
        Guard.Amount(units, nameof(units), 64);
        Guard.Amount(principal, nameof(principal), 128);
        Guard.Amount(fee, nameof(fee), 128, allowZero: true);
        SuiteContext.Unix(maturity, nameof(maturity));
        var lenderAddress = lender is null ? AddressUtil.ZERO_ADDRESS : Guard.Address(lender, nameof(lender));
        var holder = context.Account;
        var lot = await token.RequireLiveLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        var rules = await GetPledgeRulesAsync(cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        var earliest = now + rules.MinRepayWindow;
        var latest = lot.EndsAt - rules.MaturityMargin;
        if (maturity < earliest || maturity > latest)
        {
            throw new PledgeMaturityOutOfRangeException(maturity, earliest, latest);
        }

        if (await LoanToValueAsync(lotId, cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new PledgingDisabledException(lotId);
        }

        // Locking requires what sending requires (the units may end with the lender): ask the token as for a transfer
        // to oneself, which also checks the unlocked balance.
        var status = await token.CanTransferAsync(holder, holder, lotId, units, cancellationToken).ConfigureAwait(false);
        if (status != TransferStatus.Ok)
        {
            throw new TransferNotAllowedException(status, holder, Address, lotId, units);
        }

        var cap = await MaxPrincipalAsync(lotId, units, cancellationToken).ConfigureAwait(false);
        if (principal > cap)
        {
            throw new AmountOutOfRangeException(nameof(principal), principal, BigInteger.One, cap, "loan-to-value cap");
        }

        var receipt = await SendAsync(new RequestPledgeFunction { LotId = lotId, Units = units, Lender = lenderAddress, Principal = principal, Fee = fee, Maturity = SuiteContext.Unix(maturity, nameof(maturity)) }, $"escrow.requestPledge(lot {LotIds.ToHex(lotId)}, {units} units for {principal})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<PledgeRequestedEventDTO>().Single().Event.PledgeId, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> CancelPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new CancelPledgeFunction { PledgeId = pledgeId }, $"escrow.cancelPledge({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> FundPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        var pledge = await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        var funder = context.Account;
        if (pledge.Status == PledgeStatus.Requested)
        {
            var rules = await GetPledgeRulesAsync(cancellationToken).ConfigureAwait(false);
            var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
            var fundBy = pledge.Maturity - rules.MinRepayWindow;
            if (now > fundBy)
            {
                throw new PledgeRequestExpiredException(pledgeId, fundBy, now);
            }

            // On a default the units move from the holder to this lender: the escrow funds only if they could now.
            var status = await token.CanTransferAsync(pledge.Holder, funder, pledge.LotId, BigInteger.Zero, cancellationToken).ConfigureAwait(false);
            if (status != TransferStatus.Ok)
            {
                throw new TransferNotAllowedException(status, pledge.Holder, funder, pledge.LotId, pledge.Units);
            }
        }

        if (context.AutoApprove)
        {
            await stablecoin.EnsureAllowanceAsync(Address, pledge.Principal, cancellationToken).ConfigureAwait(false);
        }

        return TransactionResult.From(await SendAsync(new FundPledgeFunction { PledgeId = pledgeId }, $"escrow.fundPledge({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> RepayAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        var pledge = await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        if (context.AutoApprove)
        {
            await stablecoin.EnsureAllowanceAsync(Address, pledge.AmountDue, cancellationToken).ConfigureAwait(false);
        }

        return TransactionResult.From(await SendAsync(new RepayFunction { PledgeId = pledgeId }, $"escrow.repay({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ClaimCollateralAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ClaimCollateralFunction { PledgeId = pledgeId }, $"escrow.claimCollateral({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<PledgeInfo> GetPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(pledgeId, nameof(pledgeId));
        var pledge = await context.ReadAsync(ct => context.Escrow.PledgeQueryAsync(pledgeId, null, ct), cancellationToken).ConfigureAwait(false);
        if (IsZero(pledge.Holder))
        {
            throw new EscrowRecordNotFoundException("pledge", pledgeId);
        }

        return new PledgeInfo(pledgeId, Checksum(pledge.Holder), Checksum(pledge.Lender), pledge.LotId, pledge.Units, pledge.Principal, pledge.Fee, SuiteContext.Time(pledge.Maturity), pledge.Status);
    }

    /// <inheritdoc/>
    public Task<BigInteger> MaxPrincipalAsync(BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Escrow.MaxPrincipalQueryAsync(lotId, units, null, ct), cancellationToken);

    /// <inheritdoc/>
    public async Task<PledgeRules> GetPledgeRulesAsync(CancellationToken cancellationToken = default)
    {
        if (pledgeRules is { } cached)
        {
            return cached;
        }

        var minRepayWindow = await context.ReadAsync(ct => context.Escrow.MinRepayWindowQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var maturityMargin = await context.ReadAsync(ct => context.Escrow.MaturityMarginQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var settlementCure = await context.ReadAsync(ct => context.Escrow.SettlementCureQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var rules = new PledgeRules(TimeSpan.FromSeconds(minRepayWindow), TimeSpan.FromSeconds(maturityMargin), TimeSpan.FromSeconds(settlementCure));
        pledgeRules = rules;
        return rules;
    }

    /// <inheritdoc/>
    public Task<ushort> LoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Escrow.LoanToValueQueryAsync(lotId, null, ct), cancellationToken);

    /// <inheritdoc/>
    public async Task<TransactionResult> SetLoanToValueAsync(BigInteger lotId, ushort ltvBps, CancellationToken cancellationToken = default)
    {
        if (ltvBps > 10_000)
        {
            throw new AmountOutOfRangeException(nameof(ltvBps), ltvBps, 0, 10_000, "basis points");
        }

        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new SetLoanToValueFunction { LotId = lotId, LtvBps = ltvBps }, $"escrow.setLoanToValue(lot {LotIds.ToHex(lotId)}, {ltvBps} bps)", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ResetLoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ResetLoanToValueFunction { LotId = lotId }, $"escrow.resetLoanToValue(lot {LotIds.ToHex(lotId)})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> RecordSettlementPauseAsync(CancellationToken cancellationToken = default) =>
        TransactionResult.From(await SendAsync(new RecordSettlementPauseFunction(), "escrow.recordSettlementPause()", cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async Task<DateTimeOffset?> SettlementPauseSeenAtAsync(CancellationToken cancellationToken = default)
    {
        var at = await context.ReadAsync(ct => context.Escrow.SettlementPauseSeenAtQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        return at == 0 ? null : SuiteContext.Time(at);
    }

    // ----------------------------------------------------------------- bonds

    /// <inheritdoc/>
    public async Task<TransactionResult> PostBondAsync(BigInteger lotId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        Guard.Amount(amount, nameof(amount));
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        if (context.AutoApprove)
        {
            await stablecoin.EnsureAllowanceAsync(Address, amount, cancellationToken).ConfigureAwait(false);
        }

        return TransactionResult.From(await SendAsync(new PostBondFunction { LotId = lotId, Amount = amount }, $"escrow.postBond(lot {LotIds.ToHex(lotId)}, {amount})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> WithdrawBondAsync(BigInteger lotId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        Guard.Amount(amount, nameof(amount));
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new WithdrawBondFunction { LotId = lotId, Amount = amount }, $"escrow.withdrawBond(lot {LotIds.ToHex(lotId)}, {amount})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<BondBalance> GetBondAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        var bond = await context.ReadAsync(ct => context.Escrow.BondOfQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
        return new BondBalance(bond.Total, bond.Reserved);
    }

    // ----------------------------------------------------------------- solvency

    /// <inheritdoc/>
    public async Task<EscrowTotals> GetTotalsAsync(CancellationToken cancellationToken = default)
    {
        var totals = await context.ReadAsync(ct => context.Escrow.TotalsQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        return new EscrowTotals(totals.Credits, totals.Bonds, totals.Reserved);
    }

    /// <inheritdoc/>
    public async Task<EscrowSolvency> GetSolvencyAsync(CancellationToken cancellationToken = default)
    {
        var solvency = await context.ReadAsync(ct => context.Escrow.SolvencyQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        return new EscrowSolvency(solvency.Balance, solvency.Obligations);
    }

    // ----------------------------------------------------------------- redemption

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> RedeemAsync(BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default)
    {
        Guard.Amount(units, nameof(units), 64);
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        var until = await token.RedeemableUntilAsync(lotId, cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (now >= until)
        {
            throw new RedemptionClosedException(lotId, until, now);
        }

        var holder = context.Account;
        var balance = await token.BalanceOfAsync(holder, lotId, cancellationToken).ConfigureAwait(false);
        var locked = await token.LockedBalanceOfAsync(holder, lotId, cancellationToken).ConfigureAwait(false);
        if (balance - locked < units)
        {
            var pledged = locked.IsZero ? string.Empty : $", {locked} of them pledged as collateral";
            throw new TransferNotAllowedException(
                TransferStatus.InsufficientUnlockedBalance,
                holder,
                Address,
                lotId,
                units,
                $"Cannot redeem {units} unit(s) of lot {LotIds.ToHex(lotId)}: {holder} holds {balance}{pledged}, so at most {balance - locked} can be redeemed.");
        }

        var receipt = await SendAsync(new RedeemFunction { LotId = lotId, Units = units }, $"escrow.redeem(lot {LotIds.ToHex(lotId)}, {units} units)", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<RedemptionOpenedEventDTO>().Single().Event.RedemptionId, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ConfirmDeliveryAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ConfirmDeliveryFunction { RedemptionId = redemptionId }, $"escrow.confirmDelivery({redemptionId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ConfirmDeliveryByOracleAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ConfirmDeliveryByOracleFunction { RedemptionId = redemptionId }, $"escrow.confirmDeliveryByOracle({redemptionId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ClaimRefundAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ClaimRefundFunction { RedemptionId = redemptionId }, $"escrow.claimRefund({redemptionId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<RedemptionInfo> GetRedemptionAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(redemptionId, nameof(redemptionId));
        var redemption = await context.ReadAsync(ct => context.Escrow.RedemptionQueryAsync(redemptionId, null, ct), cancellationToken).ConfigureAwait(false);
        if (IsZero(redemption.Holder))
        {
            throw new EscrowRecordNotFoundException("redemption", redemptionId);
        }

        return new RedemptionInfo(redemptionId, Checksum(redemption.Holder), redemption.LotId, redemption.Units, redemption.Reserved, SuiteContext.Time(redemption.OpenedAt), SuiteContext.Time(redemption.Deadline), redemption.Status);
    }

    // ----------------------------------------------------------------- pull payments

    /// <inheritdoc/>
    public Task<BigInteger> ClaimableAsync(string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return context.ReadAsync(ct => context.Escrow.ClaimableQueryAsync(address, null, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> WithdrawAsync(string? to = null, CancellationToken cancellationToken = default)
    {
        var receiver = to is null ? context.Account : Guard.Address(to, nameof(to));
        if (string.Equals(receiver, Address, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputValidationException(nameof(to), "is the escrow itself: the funds would be stranded.");
        }

        var amount = await ClaimableAsync(context.Account, cancellationToken).ConfigureAwait(false);
        if (amount.IsZero)
        {
            throw new InputValidationException(nameof(to), $"the escrow owes {context.Account} nothing.");
        }

        var receipt = await SendAsync(new WithdrawFunction { To = receiver }, $"escrow.withdraw({receiver})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<WithdrawnEventDTO>().Single().Event.Amount, receipt);
    }

    // ----------------------------------------------------------------- helpers

    private static bool IsZero(string? address) => string.IsNullOrEmpty(address) || address == AddressUtil.ZERO_ADDRESS || address == "0x0";

    private static string Checksum(string address) => new AddressUtil().ConvertToChecksumAddress(address);


    private Task<TransactionReceipt> SendAsync<TFunction>(TFunction message, string description, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        context.SendAsync(TransactionCall.For(Address, message, description, SuiteErrorDecoder.ForEscrow), cancellationToken);
}

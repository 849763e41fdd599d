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
/// The stablecoin escrow: purchase (delivery versus payment), pledge / repay / claim, provider bonds, redeem /
/// confirm delivery / SLA refund, and pull-payment withdrawals. With <c>AutoApprove</c> (the default) the client
/// raises the stablecoin allowance or the token operator approval a flow needs before sending it.
/// </summary>
public sealed class EscrowClient
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

    /// <summary>The escrow's address.</summary>
    public string Address => context.EscrowAddress;

    /// <summary>The generated binding (read-only).</summary>
    public ComputeEscrowService Service => context.Escrow;

    // ----------------------------------------------------------------- purchase

    /// <summary>Offers units for sale at a fixed price per unit. The units stay in the seller's wallet until a
    /// purchase, when the escrow moves them as the seller's approved operator (approved here with AutoApprove).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">Units for sale (uint64).</param>
    /// <param name="pricePerUnit">Price per unit in stablecoin base units (uint96).</param>
    /// <param name="expiresAt">When the offer lapses (after now, not after the lot's end).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The offer id.</returns>
    public async Task<TransactionResult<BigInteger>> CreateOfferAsync(BigInteger lotId, BigInteger units, BigInteger pricePerUnit, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        Guard.Amount(units, nameof(units), 64);
        Guard.Amount(pricePerUnit, nameof(pricePerUnit), 96);
        var lot = await token.RequireLiveLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        await RequireWindowAsync(expiresAt, lot.EndsAt, nameof(expiresAt), cancellationToken).ConfigureAwait(false);
        if (context.AutoApprove)
        {
            await token.EnsureApprovalForAllAsync(Address, cancellationToken).ConfigureAwait(false);
        }

        var receipt = await SendAsync(new CreateOfferFunction { LotId = lotId, Units = units, PricePerUnit = pricePerUnit, ExpiresAt = SuiteContext.Unix(expiresAt, nameof(expiresAt)) }, $"escrow.createOffer(lot {LotIds.ToHex(lotId)}, {units} units at {pricePerUnit})", cancellationToken).ConfigureAwait(false);
        return Result(receipt.DecodeAllEvents<OfferCreatedEventDTO>().Single().Event.OfferId, receipt);
    }

    /// <summary>Cancels the signer's offer.</summary>
    /// <param name="offerId">The offer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> CancelOfferAsync(BigInteger offerId, CancellationToken cancellationToken = default)
    {
        await GetOfferAsync(offerId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new CancelOfferFunction { OfferId = offerId }, $"escrow.cancelOffer({offerId})", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Buys units from an offer: the stablecoin and the units change hands in one transaction, or nothing
    /// moves.</summary>
    /// <param name="offerId">The offer.</param>
    /// <param name="units">Units to buy.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="TransferNotAllowedException">The token's <c>canTransfer</c> refuses the seller-to-buyer
    /// transfer: buyer not allowlisted or frozen, seller's unlocked balance too small, paused... (nothing sent).</exception>
    public async Task<TransactionResult> PurchaseAsync(BigInteger offerId, BigInteger units, CancellationToken cancellationToken = default)
    {
        Guard.Amount(units, nameof(units), 64);
        var offer = await GetOfferAsync(offerId, cancellationToken).ConfigureAwait(false);
        var buyer = context.Account;
        if (offer.Cancelled || offer.UnitsRemaining < units)
        {
            throw new InputValidationException(nameof(units), $"offer {offerId} has {(offer.Cancelled ? 0 : offer.UnitsRemaining)} unit(s) left; {units} requested.");
        }

        // The escrow moves the seller's units to the buyer: the token's own compliance check says whether it can.
        var status = await token.CanTransferAsync(offer.Seller, buyer, offer.LotId, units, cancellationToken).ConfigureAwait(false);
        if (status != TransferStatus.Ok)
        {
            throw new TransferNotAllowedException(status, offer.Seller, buyer, offer.LotId, units);
        }

        if (context.AutoApprove)
        {
            await stablecoin.EnsureAllowanceAsync(Address, units * offer.PricePerUnit, cancellationToken).ConfigureAwait(false);
        }

        return TransactionResult.From(await SendAsync(new PurchaseFunction { OfferId = offerId, Units = units }, $"escrow.purchase(offer {offerId}, {units} units)", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads an offer.</summary>
    /// <param name="offerId">The offer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The offer.</returns>
    /// <exception cref="EscrowRecordNotFoundException">No such offer.</exception>
    public async Task<OfferInfo> GetOfferAsync(BigInteger offerId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(offerId, nameof(offerId));
        var offer = await context.ReadAsync(ct => context.Escrow.OfferQueryAsync(offerId, null, ct), cancellationToken).ConfigureAwait(false);
        if (IsZero(offer.Seller))
        {
            throw new EscrowRecordNotFoundException("offer", offerId);
        }

        return new OfferInfo(offerId, Checksum(offer.Seller), offer.LotId, offer.UnitsRemaining, offer.PricePerUnit, SuiteContext.Time(offer.ExpiresAt), offer.Cancelled);
    }

    // ----------------------------------------------------------------- pledge

    /// <summary>Locks units as collateral and asks a lender for an advance (repay principal + fee by maturity; an
    /// unfunded request expires <see cref="PledgeRules.MinRepayWindow"/> before maturity).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">Units to pledge.</param>
    /// <param name="lender">The lender, or <see langword="null"/> to let anyone fund it.</param>
    /// <param name="principal">The advance, stablecoin base units (at most the lot's loan-to-value).</param>
    /// <param name="fee">The fee on top, base units.</param>
    /// <param name="maturity">Repayment deadline: at least <see cref="PledgeRules.MinRepayWindow"/> after the chain
    /// time and at least <see cref="PledgeRules.MaturityMargin"/> before the lot's end.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The pledge id.</returns>
    /// <exception cref="PledgeMaturityOutOfRangeException">The maturity is too soon or too late.</exception>
    /// <exception cref="PledgingDisabledException">The lot's loan-to-value is 0.</exception>
    /// <exception cref="TransferNotAllowedException">The signer could not send the units now (paused, not
    /// allowlisted, frozen, too few unlocked units): the escrow locks them only if it could.</exception>
    /// <exception cref="AmountOutOfRangeException">The principal exceeds the loan-to-value cap.</exception>
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
        return Result(receipt.DecodeAllEvents<PledgeRequestedEventDTO>().Single().Event.PledgeId, receipt);
    }

    /// <summary>Cancels the signer's unfunded pledge request and unlocks the units.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> CancelPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new CancelPledgeFunction { PledgeId = pledgeId }, $"escrow.cancelPledge({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Funds a pledge as the lender: the principal goes to the holder (claimable).</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="PledgeRequestExpiredException">Later than <see cref="PledgeRules.MinRepayWindow"/> before
    /// maturity.</exception>
    /// <exception cref="TransferNotAllowedException">The pledged units could not move from the holder to the signer
    /// now (signer not allowlisted or frozen, holder frozen, paused...), as they would on a default.</exception>
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

    /// <summary>Repays a pledge (principal + fee; anyone may pay) and unlocks the units. Open while the pledge is
    /// active, after maturity too, until the lender claims the collateral.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> RepayAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        var pledge = await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        if (context.AutoApprove)
        {
            await stablecoin.EnsureAllowanceAsync(Address, pledge.AmountDue, cancellationToken).ConfigureAwait(false);
        }

        return TransactionResult.From(await SendAsync(new RepayFunction { PledgeId = pledgeId }, $"escrow.repay({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Takes the pledged units as the lender after an unpaid maturity. The escrow refuses while the stablecoin
    /// is paused (<c>EscrowSettlementPausedException</c>) and within <see cref="PledgeRules.SettlementCure"/> of its last
    /// recorded pause (<c>EscrowSettlementCureException</c>), so the borrower can still repay.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> ClaimCollateralAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ClaimCollateralFunction { PledgeId = pledgeId }, $"escrow.claimCollateral({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads a pledge.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pledge.</returns>
    /// <exception cref="EscrowRecordNotFoundException">No such pledge.</exception>
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

    /// <summary>The largest advance <paramref name="units"/> of a lot can secure.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">The units.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cap, stablecoin base units.</returns>
    public Task<BigInteger> MaxPrincipalAsync(BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Escrow.MaxPrincipalQueryAsync(lotId, units, null, ct), cancellationToken);

    /// <summary>The escrow's pledge timing constants (read once, then cached: they are contract constants).</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The rules.</returns>
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

    /// <summary>A lot's loan-to-value in basis points: its own setting, else the escrow's default; 0 means pledging is
    /// switched off for the lot.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Basis points.</returns>
    public Task<ushort> LoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Escrow.LoanToValueQueryAsync(lotId, null, ct), cancellationToken);

    /// <summary>Sets a lot's loan-to-value in basis points (RISK_ROLE); 0 switches pledging off for the lot
    /// (<see cref="ResetLoanToValueAsync"/> returns it to the default).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="ltvBps">0–10,000.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> SetLoanToValueAsync(BigInteger lotId, ushort ltvBps, CancellationToken cancellationToken = default)
    {
        if (ltvBps > 10_000)
        {
            throw new AmountOutOfRangeException(nameof(ltvBps), ltvBps, 0, 10_000, "basis points");
        }

        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new SetLoanToValueFunction { LotId = lotId, LtvBps = ltvBps }, $"escrow.setLoanToValue(lot {LotIds.ToHex(lotId)}, {ltvBps} bps)", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes a lot's own loan-to-value, so it follows the escrow's default again (RISK_ROLE).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> ResetLoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ResetLoanToValueFunction { LotId = lotId }, $"escrow.resetLoanToValue(lot {LotIds.ToHex(lotId)})", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Records that the stablecoin is paused now (anyone may call): collateral then stays unclaimable until
    /// <see cref="PledgeRules.SettlementCure"/> after the last record, so borrowers who could not repay during the pause
    /// get time to. The escrow refuses when the stablecoin is not paused
    /// (<c>EscrowSettlementNotPausedException</c>, from the simulation: nothing sent).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> RecordSettlementPauseAsync(CancellationToken cancellationToken = default) =>
        TransactionResult.From(await SendAsync(new RecordSettlementPauseFunction(), "escrow.recordSettlementPause()", cancellationToken).ConfigureAwait(false));

    /// <summary>When the stablecoin was last recorded paused, or <see langword="null"/> if never.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time or <see langword="null"/>.</returns>
    public async Task<DateTimeOffset?> SettlementPauseSeenAtAsync(CancellationToken cancellationToken = default)
    {
        var at = await context.ReadAsync(ct => context.Escrow.SettlementPauseSeenAtQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        return at == 0 ? null : SuiteContext.Time(at);
    }

    // ----------------------------------------------------------------- bonds

    /// <summary>Tops up provider bond for a lot (it backs SLA refunds). Issuing already pulls the bond that covers every
    /// outstanding unit; more bond only adds headroom.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="amount">Stablecoin base units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
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

    /// <summary>Withdraws free bond once the lot can no longer be redeemed (the lot's provider): after its
    /// <see cref="ComputeTokenClient.RedeemableUntilAsync"/>; before, the escrow refuses with
    /// <c>EscrowBondLockedException</c> (from the simulation: nothing sent).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="amount">Stablecoin base units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> WithdrawBondAsync(BigInteger lotId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        Guard.Amount(amount, nameof(amount));
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new WithdrawBondFunction { LotId = lotId, Amount = amount }, $"escrow.withdrawBond(lot {LotIds.ToHex(lotId)}, {amount})", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A lot's bond.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Total and reserved bond.</returns>
    public async Task<BondBalance> GetBondAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        var bond = await context.ReadAsync(ct => context.Escrow.BondOfQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
        return new BondBalance(bond.Total, bond.Reserved);
    }

    // ----------------------------------------------------------------- solvency

    /// <summary>The escrow's running totals: Σ credits, Σ bonds, Σ reserved.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The totals, stablecoin base units.</returns>
    public async Task<EscrowTotals> GetTotalsAsync(CancellationToken cancellationToken = default)
    {
        var totals = await context.ReadAsync(ct => context.Escrow.TotalsQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        return new EscrowTotals(totals.Credits, totals.Bonds, totals.Reserved);
    }

    /// <summary>The escrow's stablecoin balance against what it owes (Σ credits + Σ bonds).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Balance and obligations, stablecoin base units.</returns>
    public async Task<EscrowSolvency> GetSolvencyAsync(CancellationToken cancellationToken = default)
    {
        var solvency = await context.ReadAsync(ct => context.Escrow.SolvencyQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        return new EscrowSolvency(solvency.Balance, solvency.Obligations);
    }

    // ----------------------------------------------------------------- redemption

    /// <summary>Redeems units for compute delivery: they are burned and a redemption opens, backed by
    /// <c>units × unitCover</c> of the provider's bond (<see cref="LotInfo.UnitCover"/>). Open until the lot's
    /// <see cref="ComputeTokenClient.RedeemableUntilAsync"/> (its end, extended by a pause cure).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">Units to redeem.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The redemption id.</returns>
    /// <exception cref="LotNotFoundException">No such lot.</exception>
    /// <exception cref="RedemptionClosedException">Past the lot's <c>redeemableUntil</c>.</exception>
    /// <exception cref="TransferNotAllowedException">Too few unlocked units.</exception>
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
        return Result(receipt.DecodeAllEvents<RedemptionOpenedEventDTO>().Single().Event.RedemptionId, receipt);
    }

    /// <summary>Confirms delivery as the redeeming holder; the provider is paid from the reserve.</summary>
    /// <param name="redemptionId">The redemption.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> ConfirmDeliveryAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ConfirmDeliveryFunction { RedemptionId = redemptionId }, $"escrow.confirmDelivery({redemptionId})", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Confirms delivery from the oracle's attested delivered GPU-hours (anyone may call).</summary>
    /// <param name="redemptionId">The redemption.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> ConfirmDeliveryByOracleAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ConfirmDeliveryByOracleFunction { RedemptionId = redemptionId }, $"escrow.confirmDeliveryByOracle({redemptionId})", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Claims the refund of a redemption whose deadline passed unconfirmed or whose pool breached the SLA.</summary>
    /// <param name="redemptionId">The redemption.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> ClaimRefundAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ClaimRefundFunction { RedemptionId = redemptionId }, $"escrow.claimRefund({redemptionId})", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads a redemption.</summary>
    /// <param name="redemptionId">The redemption.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The redemption.</returns>
    /// <exception cref="EscrowRecordNotFoundException">No such redemption.</exception>
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

    /// <summary>Stablecoin owed to an account by the escrow (sale proceeds, advances, refunds, repayments).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Base units.</returns>
    public Task<BigInteger> ClaimableAsync(string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return context.ReadAsync(ct => context.Escrow.ClaimableQueryAsync(address, null, ct), cancellationToken);
    }

    /// <summary>Withdraws everything the escrow owes the signer.</summary>
    /// <param name="to">Where to send it (the signer when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The amount withdrawn and the mined transaction.</returns>
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
        return Result(receipt.DecodeAllEvents<WithdrawnEventDTO>().Single().Event.Amount, receipt);
    }

    // ----------------------------------------------------------------- helpers

    private static bool IsZero(string? address) => string.IsNullOrEmpty(address) || address == AddressUtil.ZERO_ADDRESS || address == "0x0";

    private static string Checksum(string address) => new AddressUtil().ConvertToChecksumAddress(address);

    private static TransactionResult<T> Result<T>(T value, TransactionReceipt receipt)
    {
        var basic = TransactionResult.From(receipt);
        return new TransactionResult<T>(value, basic.TransactionHash, basic.BlockNumber, basic.GasUsed);
    }

    private async Task RequireWindowAsync(DateTimeOffset when, DateTimeOffset lotEnd, string parameterName, CancellationToken cancellationToken)
    {
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (when <= now || when > lotEnd)
        {
            throw new InputValidationException(parameterName, $"{when:u} must be after the chain time {now:u} and not after the lot's end {lotEnd:u}.");
        }
    }

    private Task<TransactionReceipt> SendAsync<TFunction>(TFunction message, string description, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        context.SendAsync(TransactionCall.For(Address, message, description, SuiteErrorDecoder.ForEscrow), cancellationToken);
}

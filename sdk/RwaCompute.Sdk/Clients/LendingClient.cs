using System.Numerics;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The lending module: pledge / fund / repay / claim, loan-to-value and the settlement-pause cure. The module holds no
/// money: a principal or repayment moves from the payer into the escrow, which credits the holder or the lender
/// (withdraw it with <see cref="EscrowClient.WithdrawAsync"/>). With <c>AutoApprove</c> (the default) the client
/// raises the stablecoin allowance to the lending module a flow needs before sending it.
/// </summary>
public sealed class LendingClient : ILendingClient
{
    private readonly SuiteContext context;
    private readonly ComputeTokenClient token;
    private readonly StablecoinClient stablecoin;
    private PledgeRules? pledgeRules;

    internal LendingClient(SuiteContext context, ComputeTokenClient token, StablecoinClient stablecoin)
    {
        this.context = context;
        this.token = token;
        this.stablecoin = stablecoin;
    }

    /// <inheritdoc/>
    public string Address => context.LendingAddress;

    /// <inheritdoc/>
    public ComputeLendingService Service => context.Lending;

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

        var receipt = await SendAsync(new RequestPledgeFunction { LotId = lotId, Units = units, Lender = lenderAddress, Principal = principal, Fee = fee, Maturity = SuiteContext.Unix(maturity, nameof(maturity)) }, $"lending.requestPledge(lot {LotIds.ToHex(lotId)}, {units} units for {principal})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<PledgeRequestedEventDTO>().Single().Event.PledgeId, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> CancelPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new CancelPledgeFunction { PledgeId = pledgeId }, $"lending.cancelPledge({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> FundPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        var pledge = await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        var funder = context.Account;
        if (string.Equals(funder, pledge.Holder, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputValidationException(nameof(pledgeId), $"pledge {pledgeId} is the signer's own: a holder cannot fund its own pledge.");
        }

        if (pledge.Status == PledgeStatus.Requested)
        {
            var rules = await GetPledgeRulesAsync(cancellationToken).ConfigureAwait(false);
            var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
            var fundBy = pledge.Maturity - rules.MinRepayWindow;
            if (now > fundBy)
            {
                throw new PledgeRequestExpiredException(pledgeId, fundBy, now);
            }

            // On a default the units move from the holder to this lender: the module funds only if they could now.
            var status = await token.CanTransferAsync(pledge.Holder, funder, pledge.LotId, BigInteger.Zero, cancellationToken).ConfigureAwait(false);
            if (status != TransferStatus.Ok)
            {
                throw new TransferNotAllowedException(status, pledge.Holder, funder, pledge.LotId, pledge.Units);
            }
        }

        if (context.AutoApprove)
        {
            await stablecoin.For(await context.LotCurrencyAsync(pledge.LotId, cancellationToken).ConfigureAwait(false)).EnsureAllowanceAsync(Address, pledge.Principal, cancellationToken).ConfigureAwait(false);
        }

        return TransactionResult.From(await SendAsync(new FundPledgeFunction { PledgeId = pledgeId }, $"lending.fundPledge({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> RepayAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        var pledge = await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        if (context.AutoApprove)
        {
            await stablecoin.For(await context.LotCurrencyAsync(pledge.LotId, cancellationToken).ConfigureAwait(false)).EnsureAllowanceAsync(Address, pledge.AmountDue, cancellationToken).ConfigureAwait(false);
        }

        return TransactionResult.From(await SendAsync(new RepayFunction { PledgeId = pledgeId }, $"lending.repay({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ClaimCollateralAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ClaimCollateralFunction { PledgeId = pledgeId }, $"lending.claimCollateral({pledgeId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<PledgeInfo> GetPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(pledgeId, nameof(pledgeId));
        var pledge = await context.ReadAsync(ct => context.Lending.PledgeQueryAsync(pledgeId, null, ct), cancellationToken).ConfigureAwait(false);
        if (IsZero(pledge.Holder))
        {
            throw new PledgeNotFoundException(pledgeId);
        }

        return new PledgeInfo(pledgeId, Checksum(pledge.Holder), Checksum(pledge.Lender), pledge.LotId, pledge.Units, pledge.Principal, pledge.Fee, SuiteContext.Time(pledge.Maturity), pledge.Status);
    }

    /// <inheritdoc/>
    public Task<BigInteger> MaxPrincipalAsync(BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Lending.MaxPrincipalQueryAsync(lotId, units, null, ct), cancellationToken);

    /// <inheritdoc/>
    public async Task<PledgeRules> GetPledgeRulesAsync(CancellationToken cancellationToken = default)
    {
        if (pledgeRules is { } cached)
        {
            return cached;
        }

        var minRepayWindow = await context.ReadAsync(ct => context.Lending.MinRepayWindowQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var maturityMargin = await context.ReadAsync(ct => context.Lending.MaturityMarginQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var settlementCure = await context.ReadAsync(ct => context.Lending.SettlementCureQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var auctionGrace = await context.ReadAsync(ct => context.Lending.AuctionGraceQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var minAuctionDuration = await context.ReadAsync(ct => context.Lending.MinAuctionDurationQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var thirdPartyDuration = await context.ReadAsync(ct => context.Lending.ThirdPartyAuctionDurationQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        var rules = new PledgeRules(TimeSpan.FromSeconds(minRepayWindow), TimeSpan.FromSeconds(maturityMargin), TimeSpan.FromSeconds(settlementCure), TimeSpan.FromSeconds(auctionGrace), TimeSpan.FromSeconds(minAuctionDuration), TimeSpan.FromSeconds(thirdPartyDuration));
        pledgeRules = rules;
        return rules;
    }

    /// <inheritdoc/>
    public Task<ushort> LoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Lending.LoanToValueQueryAsync(lotId, null, ct), cancellationToken);

    /// <inheritdoc/>
    public async Task<TransactionResult> SetLoanToValueAsync(BigInteger lotId, ushort ltvBps, CancellationToken cancellationToken = default)
    {
        if (ltvBps > 10_000)
        {
            throw new AmountOutOfRangeException(nameof(ltvBps), ltvBps, 0, 10_000, "basis points");
        }

        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new SetLoanToValueFunction { LotId = lotId, LtvBps = ltvBps }, $"lending.setLoanToValue(lot {LotIds.ToHex(lotId)}, {ltvBps} bps)", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ResetLoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ResetLoanToValueFunction { LotId = lotId }, $"lending.resetLoanToValue(lot {LotIds.ToHex(lotId)})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> SetPriceIndexAsync(string? market, CancellationToken cancellationToken = default)
    {
        var index = market is null ? AddressUtil.ZERO_ADDRESS : Guard.Address(market, nameof(market));
        if (market is not null)
        {
            // The contract refuses an address without code (Lending_InvalidPriceIndex): say so before sending.
            var code = await context.Rpc.GetCodeAsync(index, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(code) || code == "0x")
            {
                throw new InputValidationException(nameof(market), $"no contract code at {index} on chain {context.ChainId}: the price index must be a market contract (null switches it off).");
            }
        }

        var description = market is null ? "lending.setPriceIndex(off)" : $"lending.setPriceIndex({index})";
        return TransactionResult.From(await SendAsync(new SetPriceIndexFunction { Index = index }, description, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<string?> PriceIndexAsync(CancellationToken cancellationToken = default)
    {
        var index = await context.ReadAsync(ct => context.Lending.PriceIndexQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);
        return IsZero(index) ? null : Checksum(index);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> RecordSettlementPauseAsync(string? currency = null, CancellationToken cancellationToken = default)
    {
        var coin = currency is null ? context.StablecoinAddress : Guard.Address(currency, nameof(currency));
        return TransactionResult.From(await SendAsync(new RecordSettlementPauseFunction { Currency = coin }, $"lending.recordSettlementPause({coin})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<DateTimeOffset?> SettlementPauseSeenAtAsync(string? currency = null, CancellationToken cancellationToken = default)
    {
        var coin = currency is null ? context.StablecoinAddress : Guard.Address(currency, nameof(currency));
        var at = await context.ReadAsync(ct => context.Lending.SettlementPauseSeenAtQueryAsync(coin, null, ct), cancellationToken).ConfigureAwait(false);
        return at == 0 ? null : SuiteContext.Time(at);
    }

    // ----------------------------------------------------------------- collateral auctions

    /// <inheritdoc/>
    public async Task<TransactionResult<CollateralAuctionInfo>> StartCollateralAuctionAsync(BigInteger pledgeId, BigInteger startPrice, BigInteger floorPrice, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Guard.Amount(startPrice, nameof(startPrice), 96);
        Guard.Amount(floorPrice, nameof(floorPrice), 96);
        if (floorPrice > startPrice)
        {
            throw new InputValidationException(nameof(floorPrice), $"the floor price {floorPrice} is above the start price {startPrice}; an auction's price only falls.");
        }

        var pledge = await RequirePledgeAsync(pledgeId, PledgeStatus.Active, "start an auction of its collateral", cancellationToken).ConfigureAwait(false);
        var rules = await GetPledgeRulesAsync(cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (now < pledge.Maturity)
        {
            throw new PledgeStateException(pledgeId, $"pledge {pledgeId} matures at {pledge.Maturity:u} (chain time {now:u}); its collateral can be auctioned only after a default.");
        }

        var currency = await context.LotCurrencyAsync(pledge.LotId, cancellationToken).ConfigureAwait(false);
        await RequireDefaultActionableAsync(pledgeId, currency, rules, now, cancellationToken).ConfigureAwait(false);
        if (await token.IsPausedAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new PledgeStateException(pledgeId, "the token is paused: nobody could buy the collateral, so no auction starts.");
        }

        var caller = context.Account;
        var callerStatus = await token.ReceiverStatusAsync(caller, cancellationToken).ConfigureAwait(false);
        if (callerStatus != TransferStatus.Ok)
        {
            throw new TransferNotAllowedException(callerStatus, pledge.Holder, caller, pledge.LotId, pledge.Units);
        }

        await RequireHolderCompliantAsync(pledge, cancellationToken).ConfigureAwait(false);
        var lot = await token.GetLotAsync(pledge.LotId, cancellationToken).ConfigureAwait(false);
        var shortest = rules.MinAuctionDuration;
        if (!string.Equals(caller, pledge.Lender, StringComparison.OrdinalIgnoreCase))
        {
            var openToAll = pledge.Maturity + rules.AuctionGrace;
            if (now < openToAll)
            {
                throw new PledgeStateException(pledgeId, $"only the lender {pledge.Lender} may start this auction before {openToAll:u} (chain time {now:u}).");
            }

            if (floorPrice * pledge.Units < pledge.AmountDue)
            {
                throw new InputValidationException(nameof(floorPrice), $"a floor of {floorPrice} per unit sells the {pledge.Units} units for {floorPrice * pledge.Units} at worst, below the {pledge.AmountDue} the lender is owed; only the lender may set such a floor.");
            }

            var (lowest, highest) = ThirdPartyStartBand(lot.ReferencePrice, floorPrice, pledge.AmountDue, pledge.Units);
            if (startPrice < lowest || startPrice > highest)
            {
                throw new InputValidationException(nameof(startPrice), $"anyone but the lender starts between {lowest} and {highest} per unit (2x to 4x the reference price {lot.ReferencePrice}, at least the floor; a floor above the cap leaves no start price).");
            }

            shortest = rules.ThirdPartyAuctionDuration;
        }

        // The contract measures the end from the block that includes the transaction: leave it a margin.
        var latest = lot.EndsAt - rules.MaturityMargin;
        if (duration < shortest || now + duration + InclusionMargin > latest)
        {
            throw new InputValidationException(nameof(duration), $"{duration} must be at least {shortest} and end by {latest:u}, a day before the lot's end, with {InclusionMargin.TotalSeconds} s to spare for inclusion (chain time {now:u}).");
        }

        var seconds = (ulong)duration.TotalSeconds;
        var message = new StartCollateralAuctionFunction { PledgeId = pledgeId, StartPrice = startPrice, FloorPrice = floorPrice, Duration = seconds };
        var receipt = await SendAsync(message, $"lending.startCollateralAuction(pledge {pledgeId}, {startPrice} -> {floorPrice} over {seconds} s)", cancellationToken).ConfigureAwait(false);
        var started = receipt.DecodeAllEvents<CollateralAuctionStartedEventDTO>().Single().Event;
        var info = new CollateralAuctionInfo(pledgeId, started.StartPrice, started.FloorPrice, SuiteContext.Time(started.StartsAt), SuiteContext.Time(started.EndsAt), pledge.Units, BigInteger.Zero);
        return TransactionResult.From(info, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<CollateralSale>> BuyCollateralAsync(BigInteger pledgeId, BigInteger units, BigInteger? maxPricePerUnit = null, CancellationToken cancellationToken = default)
    {
        Guard.Amount(units, nameof(units), 64);
        if (maxPricePerUnit is { } limit)
        {
            Guard.Amount(limit, nameof(maxPricePerUnit), 256);
        }

        var pledge = await RequirePledgeAsync(pledgeId, PledgeStatus.Auctioning, "buy its collateral", cancellationToken).ConfigureAwait(false);
        var auction = await GetCollateralAuctionAsync(pledgeId, cancellationToken).ConfigureAwait(false)
            ?? throw new PledgeStateException(pledgeId, $"pledge {pledgeId} has no collateral auction.");
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (now >= auction.EndsAt)
        {
            throw new PledgeStateException(pledgeId, $"the auction of pledge {pledgeId} ended at {auction.EndsAt:u} (chain time {now:u}); settle it instead.");
        }

        if (now <= auction.StartsAt)
        {
            throw new PledgeStateException(pledgeId, $"the auction of pledge {pledgeId} started in the latest block ({auction.StartsAt:u}); it can be bought from the next one.");
        }

        var rules = await GetPledgeRulesAsync(cancellationToken).ConfigureAwait(false);
        await RequireSettlementOpenAsync(pledgeId, await context.LotCurrencyAsync(pledge.LotId, cancellationToken).ConfigureAwait(false), rules, now, cancellationToken).ConfigureAwait(false);
        if (await token.IsPausedAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new PledgeStateException(pledgeId, "the token is paused: the collateral cannot move until it is unpaused.");
        }

        await RequireHolderCompliantAsync(pledge, cancellationToken).ConfigureAwait(false);

        if (auction.UnitsLeft < units)
        {
            throw new InputValidationException(nameof(units), $"the auction of pledge {pledgeId} has {auction.UnitsLeft} unit(s) left; {units} requested.");
        }

        var price = auction.PriceAt(now);
        var max = maxPricePerUnit ?? price;
        if (price > max)
        {
            throw new InputValidationException(nameof(maxPricePerUnit), $"the auction of pledge {pledgeId} costs {price} per unit now, above the limit of {max}.");
        }

        // The module seizes the units from the holder to the buyer: the token checks the buyer as a receiver.
        var buyer = context.Account;
        var status = await token.ReceiverStatusAsync(buyer, cancellationToken).ConfigureAwait(false);
        if (status != TransferStatus.Ok)
        {
            throw new TransferNotAllowedException(status, pledge.Holder, buyer, pledge.LotId, units);
        }

        if (context.AutoApprove)
        {
            await stablecoin.For(await context.LotCurrencyAsync(pledge.LotId, cancellationToken).ConfigureAwait(false)).EnsureAllowanceAsync(Address, units * max, cancellationToken).ConfigureAwait(false);
        }

        var message = new BuyCollateralFunction { PledgeId = pledgeId, Units = units, MaxPricePerUnit = max };
        var receipt = await SendAsync(message, $"lending.buyCollateral(pledge {pledgeId}, {units} units at <= {max})", cancellationToken).ConfigureAwait(false);
        var sold = receipt.DecodeAllEvents<CollateralSoldEventDTO>().Single().Event;
        return TransactionResult.From(new CollateralSale(sold.PledgeId, sold.Units, sold.Price, sold.ToLender, sold.ToHolder), receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<bool>> SettleCollateralAuctionAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        await RequirePledgeAsync(pledgeId, PledgeStatus.Auctioning, "settle its collateral auction", cancellationToken).ConfigureAwait(false);
        var auction = await GetCollateralAuctionAsync(pledgeId, cancellationToken).ConfigureAwait(false)
            ?? throw new PledgeStateException(pledgeId, $"pledge {pledgeId} has no collateral auction.");
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (now < auction.EndsAt)
        {
            throw new PledgeStateException(pledgeId, $"the auction of pledge {pledgeId} runs until {auction.EndsAt:u} (chain time {now:u}).");
        }

        if (await token.IsPausedAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new PledgeStateException(pledgeId, "the token is paused: the unsold units cannot move until it is unpaused.");
        }

        var pledge = await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        var lenderStatus = await token.ReceiverStatusAsync(pledge.Lender, cancellationToken).ConfigureAwait(false);
        if (lenderStatus != TransferStatus.Ok)
        {
            var until = await token.RedeemableUntilAsync(pledge.LotId, cancellationToken).ConfigureAwait(false);
            if (now < until)
            {
                throw new PledgeStateException(pledgeId, $"the lender {pledge.Lender} cannot receive the units now ({lenderStatus}); they stay locked for it until {until:u}, after which settling unlocks them for the holder.");
            }
        }

        var receipt = await SendAsync(new SettleCollateralAuctionFunction { PledgeId = pledgeId }, $"lending.settleCollateralAuction(pledge {pledgeId})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<CollateralAuctionSettledEventDTO>().Single().Event.ToLender, receipt);
    }

    /// <inheritdoc/>
    public async Task<CollateralAuctionInfo?> GetCollateralAuctionAsync(BigInteger pledgeId, CancellationToken cancellationToken = default)
    {
        await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        var auction = await context.ReadAsync(ct => context.Lending.AuctionOfQueryAsync(pledgeId, null, ct), cancellationToken).ConfigureAwait(false);
        if (auction.StartsAt == 0)
        {
            return null;
        }

        return new CollateralAuctionInfo(pledgeId, auction.StartPrice, auction.FloorPrice, SuiteContext.Time(auction.StartsAt), SuiteContext.Time(auction.EndsAt), auction.UnitsLeft, auction.PaidToLender);
    }

    // ----------------------------------------------------------------- helpers

    /// <summary>What a pending transaction may wait before a block includes it, kept off an auction's latest end.</summary>
    private static readonly TimeSpan InclusionMargin = TimeSpan.FromMinutes(2);

    /// <summary>The start prices anyone but the lender may set, as the contract computes them: from 2x the reference
    /// price (or the floor, if higher) to 4x it (or the debt per unit rounded up, if higher).</summary>
    private static (BigInteger Lowest, BigInteger Highest) ThirdPartyStartBand(BigInteger referencePrice, BigInteger floorPrice, BigInteger debt, ulong units) =>
        (BigInteger.Max(referencePrice * 2, floorPrice), BigInteger.Max(referencePrice * 4, (debt + units - 1) / units));

    /// <summary>Refuses while the lot's currency is paused or within the settlement cure after its last recorded
    /// pause.</summary>
    private async Task RequireSettlementOpenAsync(BigInteger pledgeId, string currency, PledgeRules rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await CurrencyPausedAsync(currency, cancellationToken).ConfigureAwait(false))
        {
            throw new PledgeStateException(pledgeId, $"the currency {currency} is paused: nobody could repay or bid, so the lending module waits.");
        }

        if (await SettlementPauseSeenAtAsync(currency, cancellationToken).ConfigureAwait(false) is { } seenAt && now < seenAt + rules.SettlementCure)
        {
            throw new PledgeStateException(pledgeId, $"the currency {currency} was last seen paused at {seenAt:u}; the settlement cure runs until {seenAt + rules.SettlementCure:u} (chain time {now:u}).");
        }
    }

    /// <summary>Whether a currency reports itself paused; one without <c>paused()</c> never is (as the contract reads
    /// it).</summary>
    private async Task<bool> CurrencyPausedAsync(string currency, CancellationToken cancellationToken)
    {
        try
        {
            return await context.ReadAsync(ct => context.Web3.Eth.GetContractQueryHandler<StablecoinPausedFunction>().QueryAsync<bool>(currency, new StablecoinPausedFunction()).WaitAsync(ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException)
        {
            return false;
        }
    }

    /// <summary>Refuses a default action the contract would refuse: the settlement pause or cure, or an escrow holding
    /// less than it owes (a repayment could have been refused).</summary>
    private async Task RequireDefaultActionableAsync(BigInteger pledgeId, string currency, PledgeRules rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RequireSettlementOpenAsync(pledgeId, currency, rules, now, cancellationToken).ConfigureAwait(false);
        var solvency = await context.ReadAsync(ct => context.Escrow.SolvencyQueryAsync(currency, null, ct), cancellationToken).ConfigureAwait(false);
        if (solvency.Balance < solvency.Obligations)
        {
            throw new PledgeStateException(pledgeId, $"the escrow holds {solvency.Balance} against {solvency.Obligations} it owes: defaults wait until it is whole, since a repayment could have been refused.");
        }
    }

    /// <summary>Refuses when the holder fails the token's compliance: a frozen holder's collateral is not auctioned.</summary>
    private async Task RequireHolderCompliantAsync(PledgeInfo pledge, CancellationToken cancellationToken)
    {
        var status = await token.ReceiverStatusAsync(pledge.Holder, cancellationToken).ConfigureAwait(false);
        if (status != TransferStatus.Ok)
        {
            throw new PledgeStateException(pledge.PledgeId, $"the holder {pledge.Holder} fails the token's compliance ({status}): its collateral is not auctioned; the lender can claim it.");
        }
    }

    /// <summary><c>paused()</c> of a Pausable stablecoin.</summary>
    [Nethereum.ABI.FunctionEncoding.Attributes.Function("paused", "bool")]
    private sealed class StablecoinPausedFunction : FunctionMessage
    {
    }

    /// <summary>The pledge, required to be in <paramref name="expected"/> status for <paramref name="purpose"/>.</summary>
    private async Task<PledgeInfo> RequirePledgeAsync(BigInteger pledgeId, PledgeStatus expected, string purpose, CancellationToken cancellationToken)
    {
        var pledge = await GetPledgeAsync(pledgeId, cancellationToken).ConfigureAwait(false);
        if (pledge.Status != expected)
        {
            throw new PledgeStateException(pledgeId, $"pledge {pledgeId} is {pledge.Status}; it must be {expected} to {purpose}.");
        }

        return pledge;
    }

    private static bool IsZero(string? address) => string.IsNullOrEmpty(address) || address == AddressUtil.ZERO_ADDRESS || address == "0x0";

    private static string Checksum(string address) => new AddressUtil().ConvertToChecksumAddress(address);

    private Task<TransactionReceipt> SendAsync<TFunction>(TFunction message, string description, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        context.SendAsync(TransactionCall.For(Address, message, description, SuiteErrorDecoder.ForLending), cancellationToken);
}

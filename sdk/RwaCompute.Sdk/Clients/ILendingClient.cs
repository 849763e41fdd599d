using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Clients;

/// <summary>The operations of <see cref="LendingClient"/> as an interface, so applications can substitute a test double.</summary>
public interface ILendingClient
{
    /// <summary>The lending module's address.</summary>
    string Address { get; }

    /// <summary>The generated binding (read-only).</summary>
    ComputeLendingService Service { get; }

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
    /// allowlisted, frozen, too few unlocked units): the lending module locks them only if it could.</exception>
    /// <exception cref="AmountOutOfRangeException">The principal exceeds the loan-to-value cap.</exception>
    Task<TransactionResult<BigInteger>> RequestPledgeAsync(BigInteger lotId, BigInteger units, string? lender, BigInteger principal, BigInteger fee, DateTimeOffset maturity, CancellationToken cancellationToken = default);

    /// <summary>Cancels the signer's unfunded pledge request and unlocks the units.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> CancelPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Funds a pledge as the lender: the principal moves into the escrow, credited to the holder (who
    /// withdraws it with <see cref="IEscrowClient.WithdrawAsync"/>). The lender approves the lending module.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="PledgeRequestExpiredException">Later than <see cref="PledgeRules.MinRepayWindow"/> before
    /// maturity.</exception>
    /// <exception cref="TransferNotAllowedException">The pledged units could not move from the holder to the signer
    /// now (signer not allowlisted or frozen, holder frozen, paused...), as they would on a default.</exception>
    Task<TransactionResult> FundPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Repays a pledge (principal + fee; anyone may pay, approving the lending module) and unlocks the units;
    /// the lender is credited in the escrow. Open while the pledge is
    /// active, after maturity too, until the lender claims the collateral.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> RepayAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Takes the pledged units as the lender after an unpaid maturity. The module refuses while the stablecoin
    /// is paused (<c>LendingSettlementPausedException</c>) and within <see cref="PledgeRules.SettlementCure"/> of its last
    /// recorded pause (<c>LendingSettlementCureException</c>), so the borrower can still repay.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> ClaimCollateralAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Reads a pledge.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pledge.</returns>
    /// <exception cref="PledgeNotFoundException">No such pledge.</exception>
    Task<PledgeInfo> GetPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>The largest advance <paramref name="units"/> of a lot can secure now, exactly as
    /// <c>requestPledge</c> checks it: <c>units × price × loanToValue / 10 000</c>, where <c>price</c> is the lot's
    /// reference price, or the lower average of its (GPU model, region, currency) in the market's price index when
    /// risk staff switched the index on (<see cref="PriceIndexAsync"/>); the index never raises it.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">The units.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cap, in base units of the lot's currency.</returns>
    /// <exception cref="RwaCompute.Sdk.Contracts.ComputeLending.LendingPriceIndexUnavailableException">The price index
    /// the cap follows reverted or answered malformed data; no request can be made until it answers or risk staff
    /// switch it off.</exception>
    Task<BigInteger> MaxPrincipalAsync(BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>The lending module's pledge timing constants (read once, then cached: they are contract constants).</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The rules.</returns>
    Task<PledgeRules> GetPledgeRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>A lot's loan-to-value in basis points: its own setting, else the module's default; 0 means pledging is
    /// switched off for the lot.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Basis points.</returns>
    Task<ushort> LoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Puts a defaulted pledge's units on sale in a Dutch auction instead of taking them: the price per unit
    /// falls from <paramref name="startPrice"/> to <paramref name="floorPrice"/> over <paramref name="duration"/>;
    /// proceeds repay principal + fee to the lender first, the surplus goes to the holder, a shortfall stays the
    /// lender's loss, and units unsold at the end go to the lender (<see cref="SettleCollateralAuctionAsync"/>). The
    /// lender may start it from maturity on; anyone may from <see cref="PledgeRules.AuctionGrace"/> after maturity,
    /// with a floor that repays principal + fee. The pledge can no longer be repaid once it starts.</summary>
    /// <param name="pledgeId">The pledge (Active, matured).</param>
    /// <param name="startPrice">Price per unit at the start, stablecoin base units.</param>
    /// <param name="floorPrice">Price per unit at the end (positive, at most the start price).</param>
    /// <param name="duration">How long it runs: at least <see cref="PledgeRules.MinAuctionDuration"/>, ending by the
    /// lot's end.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The auction as started.</returns>
    /// <exception cref="PledgeStateException">The pledge is not Active or not matured, or the signer is not the
    /// lender within the grace.</exception>
    /// <exception cref="InputValidationException">A third party's floor does not repay the lender, prices out of
    /// order, or the duration out of bounds.</exception>
    Task<TransactionResult<CollateralAuctionInfo>> StartCollateralAuctionAsync(BigInteger pledgeId, BigInteger startPrice, BigInteger floorPrice, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Buys units of a collateral auction at its current price: the payment (the signer approves the lending
    /// module, which <c>AutoApprove</c> does) goes into the escrow, credited to the lender up to principal + fee and
    /// the rest to the holder; the units move from the holder's wallet to the signer.</summary>
    /// <param name="pledgeId">The pledge (Auctioning).</param>
    /// <param name="units">Units to buy.</param>
    /// <param name="maxPricePerUnit">The most to pay per unit; <see langword="null"/> for the price at the latest
    /// block (an auction's price only falls).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was bought and where the payment went.</returns>
    /// <exception cref="PledgeStateException">No running auction (not started, ended or sold out).</exception>
    /// <exception cref="InputValidationException">Too few units left, or the price above the limit.</exception>
    /// <exception cref="TransferNotAllowedException">The signer cannot receive the units (not allowlisted,
    /// frozen).</exception>
    Task<TransactionResult<CollateralSale>> BuyCollateralAsync(BigInteger pledgeId, BigInteger units, BigInteger? maxPricePerUnit = null, CancellationToken cancellationToken = default);

    /// <summary>After an auction's end, moves its unsold units to the lender, or unlocks them for the holder when the
    /// lender cannot receive them; the pledge becomes Liquidated. Anyone may call.</summary>
    /// <param name="pledgeId">The pledge (Auctioning, auction ended).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the units went to the lender (<see langword="false"/>: unlocked for the holder).</returns>
    /// <exception cref="PledgeStateException">No auction, or it has not ended yet.</exception>
    Task<TransactionResult<bool>> SettleCollateralAuctionAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Reads a pledge's collateral auction.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The auction, or <see langword="null"/> when none was started.</returns>
    /// <exception cref="PledgeNotFoundException">No such pledge.</exception>
    Task<CollateralAuctionInfo?> GetCollateralAuctionAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Sets a lot's loan-to-value in basis points (RISK_ROLE); 0 switches pledging off for the lot
    /// (<see cref="ResetLoanToValueAsync"/> returns it to the default).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="ltvBps">0–10,000.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> SetLoanToValueAsync(BigInteger lotId, ushort ltvBps, CancellationToken cancellationToken = default);

    /// <summary>Removes a lot's own loan-to-value, so it follows the module's default again (RISK_ROLE).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> ResetLoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Lets the loan-to-value cap follow a market's price index, downward only (RISK_ROLE on the lending
    /// module): the cap's price becomes <c>min(referencePrice, average)</c> of the lot's (GPU model, region, currency),
    /// the reference price while that key has not traded. A wrong index can only lower caps; one that reverts refuses
    /// new requests until it is switched off. Requests already made keep their principal.</summary>
    /// <example><code>
    /// await client.Lending.SetPriceIndexAsync(client.Market.Address); // on: the suite's own market
    /// var cap = await client.Lending.MaxPrincipalAsync(lotId, 100);  // now ≤ the reference-price cap
    /// await client.Lending.SetPriceIndexAsync(null);                  // off: the reference price alone
    /// </code></example>
    /// <param name="market">The market whose index to follow, or <see langword="null"/> to switch it off.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="InvalidAddressException"><paramref name="market"/> is malformed or the zero address (pass
    /// <see langword="null"/> to switch the index off).</exception>
    /// <exception cref="InputValidationException">No contract code at <paramref name="market"/>; nothing was
    /// sent.</exception>
    Task<TransactionResult> SetPriceIndexAsync(string? market, CancellationToken cancellationToken = default);

    /// <summary>The market whose price index the loan-to-value cap follows downward.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its checksummed address, or <see langword="null"/> when the cap uses the reference price alone (the
    /// default).</returns>
    Task<string?> PriceIndexAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that a settlement currency is paused now (anyone may call): collateral of pledges in it then stays unclaimable until
    /// <see cref="PledgeRules.SettlementCure"/> after the last record, so borrowers who could not repay during the pause
    /// get time to. The module refuses when the stablecoin is not paused
    /// (<c>LendingSettlementNotPausedException</c>, from the simulation: nothing sent).</summary>
    /// <param name="currency">The currency; <see langword="null"/> for the manifest's stablecoin.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> RecordSettlementPauseAsync(string? currency = null, CancellationToken cancellationToken = default);

    /// <summary>When a currency was last recorded paused, or <see langword="null"/> if never.</summary>
    /// <param name="currency">The currency; <see langword="null"/> for the manifest's stablecoin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time or <see langword="null"/>.</returns>
    Task<DateTimeOffset?> SettlementPauseSeenAtAsync(string? currency = null, CancellationToken cancellationToken = default);
}

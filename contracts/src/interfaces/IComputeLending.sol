// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "./IComputeCapacityToken.sol";
import {IComputeEscrow} from "./IComputeEscrow.sol";
import {IComputeMarket} from "./IComputeMarket.sol";

/// @title IComputeLending
/// @notice The lending module of the suite: pledges (units locked in the holder's wallet as collateral for a
/// stablecoin advance), their loan-to-value limits and the settlement-pause cure. Holds no money: a lender's principal
/// and a repayment go straight into the escrow (the suite's single custodian), which credits the holder or the lender.
interface IComputeLending {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice Lifecycle of a pledge: Requested → Active → Repaid | Claimed | Auctioning; Auctioning → Liquidated, or
    /// Claimed when the lender takes the units of an auction that sold nothing; Requested → Cancelled. An Active pledge
    /// can always be closed: anyone may repay it until the lender takes the collateral or an auction of it starts; an
    /// auction ends Liquidated when its last unit sells or, after its end, when anyone settles it.
    enum PledgeStatus {
        /// @notice No such pledge.
        None,
        /// @notice Requested by the holder, units locked, waiting for the lender.
        Requested,
        /// @notice Funded: the holder received the principal.
        Active,
        /// @notice Repaid before it was claimed; units unlocked.
        Repaid,
        /// @notice Not repaid by maturity; the lender took the units.
        Claimed,
        /// @notice Cancelled before funding; units unlocked.
        Cancelled,
        /// @notice Defaulted; its units are being sold in a Dutch auction (`auctionOf`), proceeds to the lender first.
        Auctioning,
        /// @notice Its collateral auction ended: every unit sold, or the unsold rest went to the lender (or back to the
        /// holder when the lender could not receive them).
        Liquidated
    }

    /// @notice Units locked in the holder's wallet as collateral for a stablecoin advance.
    struct Pledge {
        address holder;
        uint40 maturity;
        PledgeStatus status;
        address lender;
        uint64 units;
        uint128 principal;
        uint128 fee;
        uint256 lotId;
    }

    /// @notice A Dutch auction of a defaulted pledge's units. The price per unit falls linearly from `startPrice` at
    /// `startsAt` to `floorPrice` at `endsAt`; units can be bought from `startsAt` until just before `endsAt`.
    /// @param startPrice The price per unit when the auction starts, in base units of the lot's currency.
    /// @param floorPrice The price per unit it falls to at `endsAt`.
    /// @param startsAt When it started (the call to `startCollateralAuction`).
    /// @param endsAt When it ends (at the latest the lot's `endsAt`).
    /// @param unitsLeft The pledged units not sold yet.
    /// @param paidToLender Proceeds credited to the lender so far (at most principal + fee; the rest goes to the
    /// holder).
    struct CollateralAuction {
        uint96 startPrice;
        uint96 floorPrice;
        uint40 startsAt;
        uint40 endsAt;
        uint64 unitsLeft;
        uint128 paidToLender;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when a holder locks units and asks for an advance.
    event PledgeRequested(
        uint256 indexed pledgeId,
        address indexed holder,
        uint256 indexed lotId,
        uint256 units,
        address lender,
        uint256 principal,
        uint256 fee,
        uint40 maturity
    );
    /// @notice Emitted when a holder withdraws an unfunded pledge request.
    event PledgeCancelled(uint256 indexed pledgeId);
    /// @notice Emitted when a lender funds a pledge; the principal is credited to the holder in the escrow.
    event PledgeFunded(uint256 indexed pledgeId, address indexed lender, uint256 principal);
    /// @notice Emitted when a pledge is repaid and its units released; the lender is credited in the escrow.
    event PledgeRepaid(uint256 indexed pledgeId, address indexed payer, uint256 amount);
    /// @notice Emitted when a lender takes the collateral of a matured, unpaid pledge.
    event CollateralClaimed(uint256 indexed pledgeId, address indexed lender, uint256 units);
    /// @notice Emitted when a defaulted pledge's units go on sale in a Dutch auction.
    event CollateralAuctionStarted(
        uint256 indexed pledgeId,
        address indexed startedBy,
        uint256 startPrice,
        uint256 floorPrice,
        uint40 startsAt,
        uint40 endsAt
    );
    /// @notice Emitted when a buyer takes `units` of a collateral auction at `price` per unit; of the cost, `toLender`
    /// was credited to the lender and `toHolder` (the surplus over principal + fee) to the holder, in the escrow.
    event CollateralSold(
        uint256 indexed pledgeId,
        address indexed buyer,
        uint256 units,
        uint256 price,
        uint256 toLender,
        uint256 toHolder
    );
    /// @notice Emitted when an auction that ended with unsold units is settled: they went to the lender, or were
    /// unlocked for the holder when the lender could not receive them (`toLender` false).
    event CollateralAuctionSettled(uint256 indexed pledgeId, uint256 units, bool toLender);
    /// @notice Emitted when a lot's loan-to-value is set (0 switches pledging off for the lot).
    event LoanToValueUpdated(uint256 indexed lotId, uint16 ltvBps);
    /// @notice Emitted when a lot's own loan-to-value is removed; it follows `DEFAULT_LTV_BPS` again.
    event LoanToValueReset(uint256 indexed lotId);
    /// @notice Emitted when risk staff set the price index the loan-to-value cap follows downward (zero: off).
    event PriceIndexSet(address indexed index);
    /// @notice Emitted when someone records that a settlement currency is paused (starts its settlement cure).
    event SettlementPauseRecorded(address indexed currency, uint256 at);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when the module is deployed with the zero address as its escrow.
    error Lending_ZeroEscrow();
    /// @notice Thrown when a pledge's unit count is zero.
    error Lending_ZeroUnits();
    /// @notice Thrown when a unit count does not fit the pledge's 64-bit field.
    /// @param units The units given.
    /// @param max The largest unit count accepted.
    error Lending_UnitsOverflow(uint256 units, uint256 max);
    /// @notice Thrown when a pledge's principal is zero.
    error Lending_ZeroPrincipal();
    /// @notice Thrown when a pledge's principal does not fit the pledge's 128-bit field.
    /// @param principal The principal given.
    /// @param max The largest principal accepted.
    error Lending_PrincipalOverflow(uint256 principal, uint256 max);
    /// @notice Thrown when a pledge's principal + fee does not fit 128 bits.
    /// @param fee The fee given.
    /// @param max The largest fee accepted with the principal given.
    error Lending_FeeOverflow(uint256 fee, uint256 max);
    /// @notice Thrown when pledging units of a lot whose window has ended.
    /// @param lotId The lot.
    /// @param endsAt The end of its window.
    error Lending_LotExpired(uint256 lotId, uint40 endsAt);
    /// @notice Thrown when fewer stablecoin arrived in the escrow than the flow moves (fee-on-transfer tokens).
    /// @param expected The amount pulled.
    /// @param received The amount that arrived.
    error Lending_PaymentShortfall(uint256 expected, uint256 received);
    /// @notice Thrown when anyone but a pledge's holder cancels its request.
    /// @param pledgeId The pledge.
    /// @param caller The caller.
    error Lending_NotPledgeHolder(uint256 pledgeId, address caller);
    /// @notice Thrown when anyone but a request's designated lender funds it.
    /// @param pledgeId The pledge.
    /// @param caller The caller.
    error Lending_NotDesignatedLender(uint256 pledgeId, address caller);
    /// @notice Thrown when anyone but a funded pledge's lender claims its collateral.
    /// @param pledgeId The pledge.
    /// @param caller The caller.
    error Lending_NotPledgeLender(uint256 pledgeId, address caller);
    /// @notice Thrown when a principal exceeds the lot's loan-to-value.
    /// @param principal The principal asked for.
    /// @param maxPrincipal The most the units allow (`maxPrincipal(lotId, units)`).
    error Lending_LoanToValueExceeded(uint256 principal, uint256 maxPrincipal);
    /// @notice Thrown when a pledge is not in the status the call requires.
    /// @param pledgeId The pledge.
    /// @param status Its current status (`None` for an unknown id).
    error Lending_WrongPledgeStatus(uint256 pledgeId, PledgeStatus status);
    /// @notice Thrown when claiming collateral before maturity.
    /// @param pledgeId The pledge.
    /// @param maturity Its maturity.
    error Lending_PledgeNotMatured(uint256 pledgeId, uint40 maturity);
    /// @notice Thrown when a loan-to-value exceeds 100 %.
    /// @param ltvBps The loan-to-value given, in basis points.
    error Lending_InvalidLoanToValue(uint16 ltvBps);
    /// @notice Thrown when a pledge would mature before the borrower had `MIN_REPAY_WINDOW` to repay.
    /// @param maturity The maturity asked for.
    /// @param earliest The earliest maturity accepted now.
    error Lending_MaturityTooSoon(uint256 maturity, uint256 earliest);
    /// @notice Thrown when a pledge would mature less than `MATURITY_MARGIN` before its lot's `endsAt`.
    /// @param maturity The maturity asked for.
    /// @param latest The latest maturity accepted for the lot.
    error Lending_MaturityTooLate(uint256 maturity, uint256 latest);
    /// @notice Thrown when pledging a lot whose loan-to-value is set to 0.
    /// @param lotId The lot.
    error Lending_PledgingDisabled(uint256 lotId);
    /// @notice Thrown when funding a request later than `MIN_REPAY_WINDOW` before its maturity.
    /// @param pledgeId The pledge.
    /// @param fundBy The last second it could be funded.
    error Lending_PledgeRequestExpired(uint256 pledgeId, uint256 fundBy);
    /// @notice Thrown when funding a pledge whose units could not move from the holder to the funder now.
    /// @param pledgeId The pledge.
    /// @param status Why not, as the token's `canTransfer` reports it.
    error Lending_PledgeNotTransferable(uint256 pledgeId, IComputeCapacityToken.TransferStatus status);
    /// @notice Thrown when acting on a default while the lot's currency is paused (the borrower could not repay).
    /// @param currency The lot's currency.
    error Lending_SettlementPaused(address currency);
    /// @notice Thrown by `recordSettlementPause` when the currency is not paused.
    /// @param currency The currency given.
    error Lending_SettlementNotPaused(address currency);
    /// @notice Thrown when claiming collateral within `SETTLEMENT_CURE` of the last recorded pause of the lot's currency.
    /// @param cureEnd When the collateral becomes claimable.
    error Lending_SettlementCure(uint256 cureEnd);
    /// @notice Thrown when anyone but the lender starts a collateral auction before `AUCTION_GRACE` after maturity.
    /// @param pledgeId The pledge.
    /// @param caller The caller.
    /// @param openToAllAt When anyone may start it.
    error Lending_AuctionNotOpenToCaller(uint256 pledgeId, address caller, uint256 openToAllAt);
    /// @notice Thrown when an auction's prices are out of order or zero: `0 < floorPrice <= startPrice`.
    /// @param startPrice The start price given.
    /// @param floorPrice The floor price given.
    error Lending_InvalidAuctionPrices(uint256 startPrice, uint256 floorPrice);
    /// @notice Thrown when an auction price does not fit the auction's 96-bit field.
    /// @param price The price given.
    /// @param max The largest price accepted.
    error Lending_AuctionPriceOverflow(uint256 price, uint256 max);
    /// @notice Thrown when an auction would end too soon (`MIN_AUCTION_DURATION`) or after the lot's `endsAt`.
    /// @param endsAt The end the auction would have.
    /// @param earliest The earliest end accepted.
    /// @param latest The latest end accepted (the lot's `endsAt`).
    error Lending_InvalidAuctionEnd(uint256 endsAt, uint256 earliest, uint256 latest);
    /// @notice Thrown when anyone but the lender starts an auction whose floor cannot repay principal + fee.
    /// @param floorValue `floorPrice × units`.
    /// @param debt Principal + fee.
    error Lending_FloorBelowDebt(uint256 floorValue, uint256 debt);
    /// @notice Thrown when buying collateral after its auction ended.
    /// @param pledgeId The pledge.
    /// @param endsAt When the auction ended.
    error Lending_AuctionEnded(uint256 pledgeId, uint40 endsAt);
    /// @notice Thrown when settling an auction before its end.
    /// @param pledgeId The pledge.
    /// @param endsAt When the auction ends.
    error Lending_AuctionNotEnded(uint256 pledgeId, uint40 endsAt);
    /// @notice Thrown when buying more units than the auction has left.
    /// @param pledgeId The pledge.
    /// @param unitsLeft The units left.
    /// @param units The units asked for.
    error Lending_InsufficientAuctionUnits(uint256 pledgeId, uint256 unitsLeft, uint256 units);
    /// @notice Thrown when a holder funds its own pledge.
    /// @param pledgeId The pledge.
    error Lending_SelfFunding(uint256 pledgeId);
    /// @notice Thrown when the lender claims out of an auction that already sold units.
    /// @param pledgeId The pledge.
    error Lending_AuctionHasSales(uint256 pledgeId);
    /// @notice Thrown when starting a collateral auction while the token is paused (nobody could buy).
    error Lending_TokenPaused();
    /// @notice Thrown when an account that fails the token's compliance starts a collateral auction.
    /// @param caller The caller.
    /// @param status Why, as the token's `receiverStatus` reports it.
    error Lending_CallerNotCompliant(address caller, IComputeCapacityToken.TransferStatus status);
    /// @notice Thrown when starting or buying a collateral auction whose holder fails the token's compliance.
    /// @param pledgeId The pledge.
    /// @param status Why, as the token's `receiverStatus` reports it.
    error Lending_HolderNotCompliant(uint256 pledgeId, IComputeCapacityToken.TransferStatus status);
    /// @notice Thrown when anyone but the lender starts an auction at a start price outside the allowed band.
    /// @param startPrice The start price given.
    /// @param lowest The lowest allowed (2× the reference price, or the floor if higher).
    /// @param highest The highest allowed (4× the reference price, or principal + fee per unit rounded up if higher).
    error Lending_ThirdPartyStartPrice(uint256 startPrice, uint256 lowest, uint256 highest);
    /// @notice Thrown when buying in the block that started the auction.
    /// @param pledgeId The pledge.
    /// @param startsAt When it started.
    error Lending_AuctionNotStarted(uint256 pledgeId, uint40 startsAt);
    /// @notice Thrown when settling while the lender cannot receive the units and the lot can still be redeemed.
    /// @param pledgeId The pledge.
    /// @param status Why the lender cannot receive, as the token's `receiverStatus` reports it.
    /// @param unlockAt When the units would be unlocked for the holder instead (the lot's `redeemableUntil`).
    error Lending_LenderCannotReceive(uint256 pledgeId, IComputeCapacityToken.TransferStatus status, uint40 unlockAt);
    /// @notice Thrown when acting on a default while the escrow holds less than it owes: a repayment could have
    /// been refused for it.
    /// @param balance The escrow's balance.
    /// @param obligations What it owes.
    error Lending_EscrowShortfall(uint256 balance, uint256 obligations);
    /// @notice Thrown when `setPriceIndex` is given a non-zero address without code.
    /// @param index The address given.
    error Lending_InvalidPriceIndex(address index);
    /// @notice Thrown when the price index the cap follows reverts or answers malformed data: the cap cannot be
    /// computed, so no pledge is requested (risk staff switch the index off with `setPriceIndex(0)`).
    /// @param index The price index.
    error Lending_PriceIndexUnavailable(address index);
    /// @notice Thrown when an auction's current price is above the buyer's limit (slippage guard).
    /// @param pledgeId The pledge.
    /// @param price The current price per unit.
    /// @param maxPricePerUnit The buyer's limit.
    error Lending_PriceAboveLimit(uint256 pledgeId, uint256 price, uint256 maxPricePerUnit);

    /*//////////////////////////////////////////////////////////////
                                 PLEDGE
    //////////////////////////////////////////////////////////////*/

    /// @notice Locks `units` of `lotId` in the caller's wallet and asks `lender` (or anyone, if zero) for `principal`,
    /// to be repaid with `fee` by `maturity`. The caller must pass a transfer's sender checks; `maturity` must be at
    /// least `MIN_REPAY_WINDOW` away and at least `MATURITY_MARGIN` before the lot's `endsAt`; the lot's
    /// loan-to-value must not be 0. Unfunded, the request expires `MIN_REPAY_WINDOW` before maturity.
    /// @param lotId The lot whose units are pledged.
    /// @param units The units locked as collateral.
    /// @param lender The only account that may fund the request, or the zero address for anyone.
    /// @param principal The advance asked for, in base units of the lot's currency (at most `maxPrincipal(lotId, units)`).
    /// @param fee What the borrower pays on top of the principal to close the pledge.
    /// @param maturity When the lender may take the collateral if the pledge is not repaid.
    /// @return pledgeId The new pledge's id.
    function requestPledge(
        uint256 lotId,
        uint256 units,
        address lender,
        uint256 principal,
        uint256 fee,
        uint40 maturity
    ) external returns (uint256 pledgeId);

    /// @notice Withdraws an unfunded request and unlocks its units (holder only).
    /// @param pledgeId The pledge.
    function cancelPledge(uint256 pledgeId) external;

    /// @notice Funds a requested pledge: moves the principal from the caller (who approved this module) into the
    /// escrow, which credits it to the holder. Refused later than `MIN_REPAY_WINDOW` before maturity, and unless the
    /// units could move from the holder to the caller now (`canTransfer`).
    /// @param pledgeId The pledge.
    function fundPledge(uint256 pledgeId) external;

    /// @notice Repays principal plus fee (anyone may pay; the payer approves this module): the amount goes into the
    /// escrow, which credits the lender, and the units unlock. Open until the lender claims the collateral, also
    /// after maturity.
    /// @param pledgeId The pledge.
    function repay(uint256 pledgeId) external;

    /// @notice After maturity, the unpaid lender takes the locked units (also out of a collateral auction that has sold
    /// nothing); refused while the lot's currency is paused, within `SETTLEMENT_CURE` of its last recorded pause, and while
    /// the escrow holds less than it owes (a repayment could have been refused).
    /// @param pledgeId The pledge.
    function claimCollateral(uint256 pledgeId) external;

    /*//////////////////////////////////////////////////////////////
                           COLLATERAL AUCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Puts a defaulted pledge's units on sale in a Dutch auction instead of taking them: the price falls from
    /// `startPrice` to `floorPrice` between now and `now + duration` (at most the lot's `endsAt`, at least
    /// `MIN_AUCTION_DURATION`). Proceeds repay principal + fee to the lender first; the surplus goes to the holder; a
    /// shortfall stays the lender's loss; units unsold at the end go to the lender (`settleCollateralAuction`). The
    /// lender may start it from maturity on; anyone may from `AUCTION_GRACE` after maturity, with a floor that repays
    /// principal + fee (`floorPrice × units ≥ principal + fee`). Refused while the lot's currency is paused and within
    /// `SETTLEMENT_CURE` of its last recorded pause, as `claimCollateral` is. The pledge can no longer be repaid.
    /// @param pledgeId The pledge (Active, matured).
    /// @param startPrice The price per unit at the start, in base units of the lot's currency.
    /// @param floorPrice The price per unit at the end (> 0, at most `startPrice`).
    /// @param duration Seconds the auction runs.
    function startCollateralAuction(uint256 pledgeId, uint256 startPrice, uint256 floorPrice, uint40 duration) external;

    /// @notice Buys `units` of a collateral auction at its current price (the caller approves this module for
    /// `units × price`): the payment goes into the escrow, which credits the lender up to principal + fee and the
    /// holder the rest; the units move from the holder's wallet to the caller, who must be able to receive them.
    /// @param pledgeId The pledge (Auctioning).
    /// @param units Units to buy (at most the units left).
    /// @param maxPricePerUnit The most the caller pays per unit (slippage guard).
    function buyCollateral(uint256 pledgeId, uint256 units, uint256 maxPricePerUnit) external;

    /// @notice After an auction's end, moves its unsold units to the lender, or, when the lender cannot receive them
    /// (`receiverStatus` not Ok), unlocks them for the holder; the pledge becomes Liquidated. Anyone may call.
    /// @param pledgeId The pledge (Auctioning, auction ended).
    function settleCollateralAuction(uint256 pledgeId) external;

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets a lot's loan-to-value in basis points (RISK_ROLE); 0 switches pledging off for the lot.
    /// @param lotId The lot.
    /// @param ltvBps The loan-to-value, at most 10 000.
    function setLoanToValue(uint256 lotId, uint16 ltvBps) external;

    /// @notice Removes a lot's own loan-to-value, so it follows `DEFAULT_LTV_BPS` again (RISK_ROLE).
    /// @param lotId The lot.
    function resetLoanToValue(uint256 lotId) external;

    /// @notice Lets the loan-to-value cap follow a market's price index, downward only (RISK_ROLE): the price the cap
    /// uses becomes `min(referencePrice, average)` of the lot's (GPU model, region, currency) in `index.priceOf`, the
    /// reference price while that key has no trade. A wrong or malicious index can only lower caps, never raise one
    /// above the reference-price cap; one that reverts refuses new requests (`Lending_PriceIndexUnavailable`).
    /// Pledges already requested keep their principal.
    /// @param index The market whose index to follow, or the zero address to switch it off (the default).
    function setPriceIndex(IComputeMarket index) external;

    /// @notice Records that a settlement currency is paused now (anyone; reverts if it is not): collateral of pledges
    /// in that currency then stays unclaimable until `SETTLEMENT_CURE` after the last such record.
    /// @param currency The paused currency.
    function recordSettlementPause(address currency) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The compute-capacity token.
    /// @return The token.
    function TOKEN() external view returns (IComputeCapacityToken);

    /// @notice The escrow that holds principals and repayments and credits them.
    /// @return The escrow.
    function ESCROW() external view returns (IComputeEscrow);

    /// @notice A pledge by id.
    /// @param pledgeId The pledge.
    /// @return The pledge (status `None` for an unknown id).
    function pledge(uint256 pledgeId) external view returns (Pledge memory);

    /// @notice A pledge's collateral auction.
    /// @param pledgeId The pledge.
    /// @return The auction (all zero if none was started).
    function auctionOf(uint256 pledgeId) external view returns (CollateralAuction memory);

    /// @notice The price per unit of a pledge's collateral auction at `timestamp` (clamped to its start and end).
    /// @param pledgeId The pledge.
    /// @param timestamp The time.
    /// @return The price, or 0 when the pledge has no auction.
    function auctionPriceAt(uint256 pledgeId, uint256 timestamp) external view returns (uint256);

    /// @notice When a currency was last recorded paused.
    /// @param currency The currency.
    /// @return The timestamp, 0 if never.
    function settlementPauseSeenAt(address currency) external view returns (uint40);

    /// @notice The largest principal `units` of `lotId` can secure now, exactly as `requestPledge` checks it (it
    /// reverts `Lending_PriceIndexUnavailable` as the request would).
    /// @param lotId The lot.
    /// @param units The units.
    /// @return `units × price × loanToValue(lotId) / 10 000`, where `price` is the lot's reference price, or
    /// `min(referencePrice, average)` of its key in `priceIndex()` when an index is set and the key has traded.
    function maxPrincipal(uint256 lotId, uint256 units) external view returns (uint256);

    /// @notice The market whose price index the loan-to-value cap follows downward.
    /// @return The market, or the zero address when the cap uses the reference price alone.
    function priceIndex() external view returns (IComputeMarket);

    /// @notice The loan-to-value applied to `lotId`, in basis points.
    /// @param lotId The lot.
    /// @return The lot's own setting, or `DEFAULT_LTV_BPS`.
    function loanToValue(uint256 lotId) external view returns (uint16);
}

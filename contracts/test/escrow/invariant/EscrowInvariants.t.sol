// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {BondMath} from "../../../src/libraries/BondMath.sol";
import {SuiteFixture} from "../../utils/SuiteFixture.sol";
import {BaseHandler} from "./BaseHandler.sol";
import {EscrowHandler} from "./EscrowHandler.sol";
import {EscrowStore} from "./EscrowStore.sol";

/// @notice Handler-based invariants of the escrow and of the market and lending module that pay into it: solvency,
/// bond reserve, unit conservation, pledged units staying locked (until sold or settled when auctioned, or claimed out
/// of an auction that sold nothing), statuses moving only along their lifecycles, exact credit accounting, a FIFO delivery queue per pool whose hours serve one redemption each and confirm
/// only what the oracle attested, blacklisted accounts never blocking anyone else's withdrawal; the market and the
/// lending module never holding stablecoin or units, every offer's units accounted for, no signed order filled beyond
/// its units, every price index average within the prices traded, and no collateral auction paying its lender more
/// than principal + fee.
contract EscrowInvariants_Test is SuiteFixture {
    EscrowHandler internal handler;
    EscrowStore internal store;
    address[] internal actors;
    uint256[] internal lots;
    bytes4[] internal handlerSelectors;

    function setUp() public override {
        super.setUp();
        actors.push(provider);
        actors.push(alice);
        actors.push(bob);
        actors.push(lender);

        // Three bonded lots: two share POOL (so they compete for its delivered hours), one on POOL_2 with a
        // different price and SLA; windows end after 6, 21 and 46 days.
        lots.push(_bondedLot(POOL, 5 days, PRICE, SLA, "lot A"));
        lots.push(_bondedLot(POOL, 20 days, 1e6, SLA, "lot B"));
        lots.push(_bondedLot(POOL_2, 45 days, 4e6, 9500, "lot C"));

        // The store holds the ghosts; only the handler is a fuzz target.
        store = new EscrowStore();
        uint256[] memory actorKeys = new uint256[](4);
        string[4] memory names = ["provider", "alice", "bob", "lender"];
        for (uint256 i; i < 4; ++i) {
            actorKeys[i] = uint256(keccak256(bytes(names[i]))); // forge-std's makeAddr key of the name
            assertEq(vm.addr(actorKeys[i]), actors[i]);
        }
        handler = new EscrowHandler(
            BaseHandler.Suite({
                escrow: escrow, market: market, lending: lending, token: token, usdc: usdc, oracle: oracle
            }),
            store,
            admin,
            risk,
            actors,
            lots,
            EscrowHandler.Keys({reporters: [reporterKeys[0], reporterKeys[1]], actors: actorKeys})
        );

        // The handler plays a rogue lending module too (rogueCreditLoan): it holds the escrow's LENDING_ROLE; and the
        // compliance officer who de-lists a lender for one settlement (L-3): the token's COMPLIANCE_ROLE.
        bytes32 lendingRole = escrow.LENDING_ROLE();
        bytes32 complianceRole = token.COMPLIANCE_ROLE();
        vm.startPrank(admin);
        escrow.grantRole(lendingRole, address(handler));
        token.grantRole(complianceRole, address(handler));
        vm.stopPrank();

        bytes4[] memory selectors = new bytes4[](38);
        selectors[0] = EscrowHandler.createOffer.selector;
        selectors[1] = EscrowHandler.cancelOffer.selector;
        selectors[2] = EscrowHandler.purchase.selector;
        selectors[3] = EscrowHandler.requestPledge.selector;
        selectors[4] = EscrowHandler.cancelPledge.selector;
        selectors[5] = EscrowHandler.fundPledge.selector;
        selectors[6] = EscrowHandler.repay.selector;
        selectors[7] = EscrowHandler.claimCollateral.selector;
        selectors[8] = EscrowHandler.moveLockedUnits.selector;
        selectors[9] = EscrowHandler.postBond.selector;
        selectors[10] = EscrowHandler.withdrawBond.selector;
        selectors[11] = EscrowHandler.redeem.selector;
        selectors[12] = EscrowHandler.confirmDelivery.selector;
        selectors[13] = EscrowHandler.confirmByOracle.selector;
        selectors[14] = EscrowHandler.refundOnBreach.selector;
        selectors[15] = EscrowHandler.claimRefund.selector;
        selectors[16] = EscrowHandler.withdraw.selector;
        selectors[17] = EscrowHandler.blacklist.selector;
        selectors[18] = EscrowHandler.unblacklist.selector;
        selectors[19] = EscrowHandler.warp.selector;
        selectors[20] = EscrowHandler.setLoanToValue.selector;
        selectors[21] = EscrowHandler.warpToMaturityAndClaim.selector;
        selectors[22] = EscrowHandler.warpPastDeadlineAndRefund.selector;
        selectors[23] = EscrowHandler.issueMore.selector;
        selectors[24] = EscrowHandler.providerSelfRedeem.selector;
        selectors[25] = EscrowHandler.createAuction.selector;
        selectors[26] = EscrowHandler.signAsk.selector;
        selectors[27] = EscrowHandler.signBid.selector;
        selectors[28] = EscrowHandler.fillAsk.selector;
        selectors[29] = EscrowHandler.fillBid.selector;
        selectors[30] = EscrowHandler.cancelOrder.selector;
        selectors[31] = EscrowHandler.incrementOrderCounter.selector;
        selectors[32] = EscrowHandler.rogueCreditLoan.selector;
        selectors[33] = EscrowHandler.startCollateralAuction.selector;
        selectors[34] = EscrowHandler.buyCollateral.selector;
        selectors[35] = EscrowHandler.settleCollateralAuction.selector;
        selectors[36] = EscrowHandler.claimOutOfAuction.selector;
        selectors[37] = EscrowHandler.setPriceIndex.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        for (uint256 i; i < selectors.length; ++i) {
            handlerSelectors.push(selectors[i]);
        }
        targetContract(address(handler));
    }

    function _bondedLot(bytes32 pool, uint40 window, uint96 price, uint16 sla, string memory salt)
        internal
        returns (uint256 lotId)
    {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.poolId = pool;
        spec.endsAt = spec.startsAt + window;
        spec.referencePrice = price;
        spec.slaUptimeBps = sla;
        spec.metadataHash = keccak256(bytes(salt));
        vm.startPrank(provider);
        lotId = token.issueLot(spec, provider, 1000); // pulls 1000 × price of bond
        token.safeTransferFrom(provider, alice, lotId, 300, "");
        token.safeTransferFrom(provider, bob, lotId, 300, "");
        token.safeTransferFrom(provider, lender, lotId, 200, "");
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/
    // Checks run after every handler call, so they read state in as few calls as possible and only call the
    // (external) assertion cheatcodes when a check fails. Every `invariant_*` function replays the same call
    // sequences (the fuzz seed is fixed), so the properties are grouped in three campaigns rather than eight
    // identical ones; each property is its own `_assert*` function with its own failure message.

    /// @dev Money: solvency, bond reserve, exact credit accounting, neither the market nor the lending module holding
    /// stablecoin (collateral purchases included), and every collateral auction's lender paid at most principal + fee.
    function invariant_Solvency() external view {
        _assertSolvency();
        _assertBondReserve();
        _assertBondCoversOutstanding();
        _assertCreditsMatchGhosts();
        _assertMarketHoldsNoStablecoin();
        _assertLendingHoldsNoStablecoin();
        _assertAuctionsPayTheLenderAtMostTheDebt();
    }

    /// @dev Units: conservation per lot (neither the escrow, the market nor the lending module ever holds any), pledged
    /// units never moving (the locked balances equal the units of the Requested and Active pledges plus the unsold units
    /// of the Auctioning ones; a Liquidated pledge keeps none), every offer's units accounted for, and no signed order
    /// filled beyond its units.
    function invariant_UnitsConservedAndPledgesLocked() external view {
        _assertUnitConservation();
        _assertPledgedUnitsLocked();
        _assertPrincipalWithinReferenceCap();
        _assertOfferUnitsAccounted();
        _assertOrderFillsWithinUnits();
    }

    /// @dev Lifecycles and third parties: forward-only statuses, the delivery queue (oracle hours never reused, never
    /// confirming more than attested), blacklisted accounts never blocking another account's withdrawal; and the price
    /// index staying within the prices traded.
    function invariant_LifecycleOracleBlacklist() external view {
        _assertStatusesMoveForward();
        _assertDeliveryQueue();
        _assertOracleConfirmationsAttested();
        _assertBlacklistNeverBlocksOthers();
        _assertIndexWithinTradedPrices();
    }

    /// @dev The escrow holds at least everything it owes: Σ claimable + Σ bond totals (exactly, as no stablecoin
    /// reaches it outside the flows).
    function _assertSolvency() internal view {
        uint256 owed;
        for (uint256 i; i < actors.length; ++i) {
            owed += escrow.claimable(actors[i], address(usdc));
        }
        for (uint256 i; i < lots.length; ++i) {
            (uint256 total,) = escrow.bondOf(lots[i]);
            owed += total;
        }
        uint256 held = usdc.balanceOf(address(escrow));
        if (held < owed) assertGe(held, owed, "insolvent");
        if (held != owed) assertEq(held, owed, "untracked stablecoin");
        // S-10: the on-chain views tell the same without replaying history.
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        if (balance != held || obligations != owed) assertEq(obligations, owed, "solvency() disagrees");
    }

    /// @dev S-1: for every lot, until holders can no longer redeem, the unreserved bond covers every outstanding
    /// unit at the lot's unitCover (reference price × coverage, rounded up).
    function _assertBondCoversOutstanding() internal view {
        for (uint256 l; l < lots.length; ++l) {
            if (block.timestamp >= token.redeemableUntil(lots[l])) continue;
            IComputeCapacityToken.Lot memory record = token.lot(lots[l]);
            (uint256 total, uint256 reserved) = escrow.bondOf(lots[l]);
            uint256 exposure = (uint256(record.unitsIssued) - record.unitsBurned)
                * BondMath.unitCover(record.referencePrice, record.bondCoverageBps);
            if (total - reserved < exposure) assertGe(total - reserved, exposure, "free bond < exposure");
        }
    }

    /// @dev Per lot: reserved <= total, and reserved is exactly the sum of the open redemptions' reserves.
    /// (Ids are sequential from 1 and only the handler creates them.)
    function _assertBondReserve() internal view {
        uint256[] memory open = new uint256[](lots.length);
        uint256 n = store.redemptionCount();
        for (uint256 id = 1; id <= n; ++id) {
            IComputeEscrow.Redemption memory r = escrow.redemption(id);
            if (r.status == IComputeEscrow.RedemptionStatus.Open) open[_lotIndex(r.lotId)] += r.reserved;
        }
        uint256 reservedSum;
        for (uint256 l; l < lots.length; ++l) {
            (uint256 total, uint256 reserved) = escrow.bondOf(lots[l]);
            if (reserved > total) assertLe(reserved, total, "reserved > total");
            if (reserved != open[l]) assertEq(reserved, open[l], "reserve != open redemptions");
            reservedSum += reserved;
        }
        (,, uint256 totalReserved) = escrow.totals(address(usdc));
        if (totalReserved != reservedSum) assertEq(totalReserved, reservedSum, "totals().reserved drift");
    }

    /// @dev Per lot: unitsIssued − unitsBurned == Σ balances of all actors; the escrow, the market and the lending
    /// module never hold units (sales move them from seller to buyer, collateral stays locked in the holder's wallet
    /// and a claim moves it from the holder to the lender directly).
    function _assertUnitConservation() internal view {
        uint256[] memory balances = _balances(true);
        uint256 width = actors.length + 3;
        for (uint256 l; l < lots.length; ++l) {
            IComputeCapacityToken.Lot memory record = token.lot(lots[l]);
            uint256 held;
            for (uint256 a; a < actors.length; ++a) {
                held += balances[l * width + a];
            }
            uint256 supply = record.unitsIssued - record.unitsBurned;
            if (held != supply) assertEq(held, supply, "units created or lost");
            if (balances[l * width + actors.length] != 0) assertTrue(false, "escrow holds units");
            if (balances[l * width + actors.length + 1] != 0) assertTrue(false, "market holds units");
            if (balances[l * width + actors.length + 2] != 0) assertTrue(false, "lending module holds units");
        }
    }

    /// @dev The lending module is no custodian: a lender's principal, a repayment and a collateral purchase go straight
    /// into the escrow.
    function _assertLendingHoldsNoStablecoin() internal view {
        uint256 held = usdc.balanceOf(address(lending));
        if (held != 0) assertEq(held, 0, "lending module holds stablecoin");
    }

    /// @dev The market is no custodian: a buyer's payment goes straight into the escrow.
    function _assertMarketHoldsNoStablecoin() internal view {
        uint256 held = usdc.balanceOf(address(market));
        if (held != 0) assertEq(held, 0, "market holds stablecoin");
    }

    /// @dev Every offer: Σ units bought from it + unitsRemaining == units listed (and the remainder never grows).
    function _assertOfferUnitsAccounted() internal view {
        (uint256[] memory ids, uint256[] memory listed, uint256[] memory bought) = store.offerGhosts();
        for (uint256 i; i < ids.length; ++i) {
            uint256 remaining = market.offer(ids[i]).unitsRemaining;
            if (bought[i] + remaining != listed[i]) assertEq(bought[i] + remaining, listed[i], "offer units drift");
        }
    }

    /// @dev Every signed order: the units filled on chain are the sum of the fills the handler made (so every fill that
    /// had to refuse did), never more than the order's units; it is cancelled exactly when its maker cancelled it.
    function _assertOrderFillsWithinUnits() internal view {
        (bytes32[] memory hashes, uint256[] memory units, uint256[] memory filled, bool[] memory cancelled) =
            store.orderGhosts();
        for (uint256 i; i < hashes.length; ++i) {
            (uint256 onChain, bool isCancelled) = market.orderStatus(hashes[i]);
            if (onChain > units[i]) assertLe(onChain, units[i], "order filled beyond its units");
            if (onChain != filled[i]) assertEq(onChain, filled[i], "order fills != the fills made");
            if (isCancelled != cancelled[i]) assertEq(isCancelled, cancelled[i], "order cancellation drift");
        }
    }

    /// @dev For every index key traded, the last price and the time-weighted average (now, and so as recorded at any
    /// trade) lie between the lowest and the highest price traded under that key.
    function _assertIndexWithinTradedPrices() internal view {
        uint256 n = store.indexKeyCount();
        for (uint256 i; i < n; ++i) {
            bytes32 key = store.indexKeys(i);
            (uint256 lastPrice,, uint256 average) =
                market.priceOf(store.keyGpuModel(key), store.keyRegion(key), address(usdc));
            uint256 low = store.ghost_minPrice(key);
            uint256 high = store.ghost_maxPrice(key);
            if (average < low) assertGe(average, low, "index average below the lowest trade");
            if (average > high) assertLe(average, high, "index average above the highest trade");
            if (lastPrice < low || lastPrice > high) assertTrue(false, "index last price not a traded price");
        }
    }

    /// @dev Pledged units never move but to a buyer or a lender: for every (holder, lot) the token's locked balance
    /// equals the units of the lending module's Requested and Active pledges of that holder and lot plus the units its
    /// Auctioning ones have left (so every such pledge stays covered and no unit is locked without one), the ghost lock
    /// of each pledge matches (the handler takes off every unit sold and settled), a Liquidated pledge has no unit left
    /// in its auction, and the balance covers the locked units.
    /// @dev IX: every pledge's principal is at most `units × referencePrice × LTV / 10 000` at its request, whether the
    /// cap followed the price index or not (the index only ever lowers it).
    function _assertPrincipalWithinReferenceCap() internal view {
        uint256[] memory caps = store.referenceCaps();
        for (uint256 id = 1; id < caps.length; ++id) {
            uint256 principal = lending.pledge(id).principal;
            if (principal > caps[id]) assertLe(principal, caps[id], "principal above the reference-price cap");
        }
    }

    function _assertPledgedUnitsLocked() internal view {
        uint256 width = lots.length;
        uint256[] memory pledged = new uint256[](actors.length * width);
        (uint256[] memory ghostLocked,) = store.pledgeGhosts();
        for (uint256 id = 1; id < ghostLocked.length; ++id) {
            IComputeLending.Pledge memory p = lending.pledge(id);
            uint256 expected;
            if (p.status == IComputeLending.PledgeStatus.Requested || p.status == IComputeLending.PledgeStatus.Active) {
                expected = p.units;
            } else if (p.status == IComputeLending.PledgeStatus.Auctioning) {
                expected = lending.auctionOf(id).unitsLeft;
            } else if (p.status == IComputeLending.PledgeStatus.Liquidated) {
                uint256 left = lending.auctionOf(id).unitsLeft;
                if (left != 0) assertEq(left, 0, "a Liquidated pledge has units left in its auction");
            }
            if (ghostLocked[id] != expected) assertEq(ghostLocked[id], expected, "ghost lock");
            pledged[_actorIndex(p.holder) * width + _lotIndex(p.lotId)] += expected;
        }
        uint256[] memory balances = _balances(false);
        for (uint256 a; a < actors.length; ++a) {
            for (uint256 l; l < width; ++l) {
                uint256 locked = token.lockedBalanceOf(actors[a], lots[l]);
                if (locked != pledged[a * width + l]) assertEq(locked, pledged[a * width + l], "locked != pledged");
                uint256 balance = balances[l * actors.length + a];
                if (balance < locked) assertGe(balance, locked, "balance < locked");
            }
        }
    }

    /// @dev Statuses only move along their lifecycles (checked by the handler after every action against the
    /// transition graph, not the enum's order, and recorded in the store: Requested → Active → Repaid | Claimed |
    /// Auctioning, Auctioning → Liquidated | Claimed (a claim out of an auction that sold nothing, L-2), Requested →
    /// Cancelled; Open → Delivered | Refunded), and the recorded ghosts match.
    function _assertStatusesMoveForward() internal view {
        if (store.ghost_statusRegressed()) assertTrue(false, "status moved backwards");
        (, IComputeLending.PledgeStatus[] memory pledgeStatuses) = store.pledgeGhosts();
        for (uint256 id = 1; id < pledgeStatuses.length; ++id) {
            if (lending.pledge(id).status != pledgeStatuses[id]) assertTrue(false, "pledge ghost status");
        }
        IComputeEscrow.RedemptionStatus[] memory redemptionStatuses = store.redemptionGhosts();
        for (uint256 id = 1; id < redemptionStatuses.length; ++id) {
            if (escrow.redemption(id).status != redemptionStatuses[id]) assertTrue(false, "redemption ghost status");
        }
    }

    /// @dev Every pledge's collateral auction paid its lender at most principal + fee, and exactly what the handler's
    /// buys were expected to (min(cost, what was still owed) each); a pledge has an auction exactly when it is
    /// Auctioning or Liquidated, or Claimed out of it by the lender (L-2), which only an auction that sold nothing
    /// allows: every unit left, nothing paid.
    function _assertAuctionsPayTheLenderAtMostTheDebt() internal view {
        (uint256[] memory expected, bool[] memory claimedOut) = store.auctionGhosts();
        for (uint256 id = 1; id < expected.length; ++id) {
            IComputeLending.Pledge memory p = lending.pledge(id);
            IComputeLending.CollateralAuction memory a = lending.auctionOf(id);
            uint256 debt = uint256(p.principal) + p.fee;
            if (a.paidToLender > debt) assertLe(a.paidToLender, debt, "auction paid the lender above principal + fee");
            if (a.paidToLender != expected[id]) assertEq(a.paidToLender, expected[id], "paidToLender drift");
            bool auctioned = p.status == IComputeLending.PledgeStatus.Auctioning
                || p.status == IComputeLending.PledgeStatus.Liquidated || claimedOut[id];
            if (auctioned != (a.startsAt != 0)) assertTrue(false, "an auction without its status, or the converse");
            if (claimedOut[id]) {
                if (p.status != IComputeLending.PledgeStatus.Claimed) assertTrue(false, "a claim out not Claimed");
                if (a.unitsLeft != p.units || a.paidToLender != 0) {
                    assertTrue(false, "claimed out of an auction that sold");
                }
            }
        }
    }

    /// @dev Every account's claimable is exactly what the flows credited it minus what it withdrew.
    function _assertCreditsMatchGhosts() internal view {
        uint256[] memory net = store.netCredits(actors);
        for (uint256 i; i < actors.length; ++i) {
            uint256 credit = escrow.claimable(actors[i], address(usdc));
            if (credit != net[i]) assertEq(credit, net[i], "credit drift");
        }
    }

    /// @dev O-3: per pool, redemptions take disjoint places in opening order (`deliveredBy` of each is at least the
    /// previous one's plus its own units, so no hour serves two of them), the queue's end is the last place, and
    /// `deliveryQueued` never decreased.
    function _assertDeliveryQueue() internal view {
        if (store.ghost_queueDecreased()) assertTrue(false, "deliveryQueued decreased");
        bytes32[] memory pools = new bytes32[](lots.length);
        for (uint256 l; l < lots.length; ++l) {
            pools[l] = token.lot(lots[l]).poolId;
        }
        uint64[] memory end = new uint64[](lots.length); // indexed by the first lot of each pool
        uint256 n = store.redemptionCount();
        for (uint256 id = 1; id <= n; ++id) {
            IComputeEscrow.Redemption memory r = escrow.redemption(id);
            uint256 p = _firstLotOfPool(pools, pools[_lotIndex(r.lotId)]);
            if (r.deliveredBy < uint256(end[p]) + r.units) {
                assertGe(r.deliveredBy, uint256(end[p]) + r.units, "overlapping places in the delivery queue");
            }
            end[p] = r.deliveredBy;
        }
        for (uint256 l; l < lots.length; ++l) {
            if (_firstLotOfPool(pools, pools[l]) != l) continue;
            uint64 queued = escrow.deliveryQueued(pools[l]);
            if (queued != end[l]) assertEq(queued, end[l], "queue end != last place");
        }
    }

    /// @dev A redemption confirmed by the oracle had its place within the pool's attested cumulative count when it
    /// was confirmed, which the oracle never lowers afterwards.
    function _assertOracleConfirmationsAttested() internal view {
        (uint256[] memory ids, uint64[] memory attested) = store.oracleConfirmations();
        for (uint256 i; i < ids.length; ++i) {
            IComputeEscrow.Redemption memory r = escrow.redemption(ids[i]);
            if (r.status != IComputeEscrow.RedemptionStatus.Delivered) assertTrue(false, "oracle confirmation lost");
            if (r.deliveredBy > attested[i]) assertLe(r.deliveredBy, attested[i], "confirmed beyond attested hours");
            uint64 now_ = oracle.latest(token.lot(r.lotId).poolId).deliveredGpuHours;
            if (attested[i] > now_) assertLe(attested[i], now_, "attested count went down");
        }
    }

    function _firstLotOfPool(bytes32[] memory pools, bytes32 poolId) internal pure returns (uint256 l) {
        while (pools[l] != poolId) {
            ++l;
        }
    }

    /// @dev A blacklisted account never blocked another account's withdrawal.
    function _assertBlacklistNeverBlocksOthers() internal view {
        if (store.ghost_blacklistBlockedOther()) assertTrue(false, "blacklist blocked another account");
    }

    /*//////////////////////////////////////////////////////////////
                             HANDLER COVERAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev Guards against a vacuous campaign: 96 random 64-call sequences through the handler (like the fuzzer's)
    /// reach every state of both lifecycles (the pledge's Auctioning and Liquidated included), purchases from
    /// fixed-price offers and from auctions, fills of signed asks and bids, their cancellations and each kind of
    /// refused fill, blacklist checks, oracle reports, oracle confirmations both accepted and refused for the
    /// redemption's place in the delivery queue, and collateral auctions started by lenders and by third parties,
    /// bought from on each side of the debt (lender only, split, holder only), settled, and refused; and the review's
    /// rules (L-1 … L-4): buys refused in the start block, settlements waiting for a de-listed lender, claims out of
    /// auctions that sold nothing, requests refused to their own holder.
    /// A collateral auction needs a request, its funding, its default and then a buy or a settlement, among 38 actions
    /// and within the fund window (time runs fast): in 24 sequences a Repaid pledge and a buy paying the holder only
    /// came up once or never, in 96 every count is several (under a second).
    function test_HandlerReachesEveryFlow() external {
        // Requested, Active, Repaid, Claimed, Cancelled, Auctioning, Liquidated (index = status - 1)
        uint256[7] memory pledgeEnds;
        uint256[3] memory redemptionEnds; // Open, Delivered, Refunded
        uint256 offers;
        uint256[3] memory sales; // auctions listed, fixed-price fills, auction fills
        // ask fills, bid fills, cancellations, refusals: stale counter, overfill, tampered signature, criteria
        uint256[7] memory orders;
        uint256 blacklistChecks;
        uint256 reportsSubmitted;
        uint256 oracleConfirmations;
        uint256 oracleRefusals;
        // started by a lender, by a third party; buys paying the lender only, both, the holder only; settlements;
        // refused starts, buys, settlements and claims out; repayments refused mid-auction; buys refused in the start
        // block; settlements awaiting a de-listed lender; claims out of auctions that sold nothing; self-funding refused
        uint256[12] memory collateral;
        // settlements that unlocked the units for the holder (a de-listed lender after redeemableUntil): rare, logged
        uint256 settledToHolder;
        // requests while the cap followed the index, those under a cap it lowered, requests refused above such a cap
        uint256[3] memory withIndex;
        for (uint256 run; run < 96; ++run) {
            uint256 snapshot = vm.snapshotState();
            for (uint256 step; step < 64; ++step) {
                uint256 seed = uint256(keccak256(abi.encode(run, step)));
                bytes memory data = abi.encodePacked(handlerSelectors[seed % handlerSelectors.length]);
                for (uint256 w; w < 7; ++w) {
                    data = abi.encodePacked(data, keccak256(abi.encode(seed, w)));
                }
                (bool ok,) = address(handler).call(data);
                assertTrue(ok, "handler call reverted");
            }
            for (uint256 id = 1; id <= store.pledgeCount(); ++id) {
                ++pledgeEnds[uint8(lending.pledge(id).status) - 1];
            }
            for (uint256 id = 1; id <= store.redemptionCount(); ++id) {
                ++redemptionEnds[uint8(escrow.redemption(id).status) - 1];
            }
            offers += store.offerCount();
            sales[0] += store.ghost_auctions();
            sales[1] += store.ghost_fixedPriceFills();
            sales[2] += store.ghost_auctionFills();
            orders[0] += store.ghost_askFills();
            orders[1] += store.ghost_bidFills();
            orders[2] += store.ghost_orderCancels();
            orders[3] += store.ghost_staleRefusals();
            orders[4] += store.ghost_overfillRefusals();
            orders[5] += store.ghost_signatureRefusals();
            orders[6] += store.ghost_mismatchRefusals();
            blacklistChecks += store.ghost_withdrawalsDespiteBlacklist();
            reportsSubmitted += store.reportCount();
            oracleConfirmations += store.oracleConfirmationCount();
            oracleRefusals += store.ghost_oracleRefusals();
            collateral[0] += store.ghost_lenderAuctions();
            collateral[1] += store.ghost_thirdPartyAuctions();
            collateral[2] += store.ghost_salesToLender();
            collateral[3] += store.ghost_salesSplit();
            collateral[4] += store.ghost_salesToHolder();
            collateral[5] += store.ghost_settlementsToLender();
            collateral[6] += store.ghost_auctionRefusals();
            collateral[7] += store.ghost_repaysRefusedMidAuction();
            collateral[8] += store.ghost_buysRefusedInStartBlock();
            collateral[9] += store.ghost_settlementsAwaitingLender();
            collateral[10] += store.ghost_claimsOutOfAuction();
            collateral[11] += store.ghost_selfFundingRefusals();
            settledToHolder += store.ghost_settlementsToHolder();
            withIndex[0] += store.ghost_requestsWithIndex();
            withIndex[1] += store.ghost_requestsUnderLoweredCap();
            withIndex[2] += store.ghost_indexCapRefusals();
            vm.revertToState(snapshot);
        }
        emit log_named_array("pledges by status", _toDynamic(pledgeEnds));
        emit log_named_array("redemptions by status", _toDynamic3(redemptionEnds));
        emit log_named_uint("offers", offers);
        emit log_named_uint("auctions", sales[0]);
        emit log_named_uint("fixed-price fills", sales[1]);
        emit log_named_uint("auction fills", sales[2]);
        string[7] memory orderLabels = [
            "ask fills",
            "bid fills",
            "order cancellations",
            "stale-counter refusals",
            "overfill refusals",
            "signature refusals",
            "criteria refusals"
        ];
        for (uint256 i; i < 7; ++i) {
            emit log_named_uint(orderLabels[i], orders[i]);
        }
        emit log_named_uint("blacklist checks", blacklistChecks);
        emit log_named_uint("reports", reportsSubmitted);
        emit log_named_uint("oracle confirmations", oracleConfirmations);
        emit log_named_uint("oracle refusals (place not reached)", oracleRefusals);
        string[12] memory collateralLabels = [
            "collateral auctions started by the lender",
            "collateral auctions started by a third party",
            "collateral buys paying the lender only",
            "collateral buys paying both",
            "collateral buys paying the holder only",
            "collateral auctions settled",
            "collateral auction calls refused",
            "repayments refused mid-auction",
            "collateral buys refused in the start block",
            "settlements awaiting a de-listed lender",
            "claims out of an auction that sold nothing",
            "pledges refused to their own holder"
        ];
        for (uint256 i; i < 12; ++i) {
            emit log_named_uint(collateralLabels[i], collateral[i]);
        }
        emit log_named_uint("settlements unlocking the units for the holder", settledToHolder);
        emit log_named_uint("pledges requested with the cap following the index", withIndex[0]);
        emit log_named_uint("pledges requested under a cap the index lowered", withIndex[1]);
        emit log_named_uint("requests refused above a cap the index lowered", withIndex[2]);
        assertGt(withIndex[1], 0, "no pledge requested under a cap the index lowered");
        assertGt(withIndex[2], 0, "no request refused above a cap the index lowered");
        for (uint256 i; i < 7; ++i) {
            assertGt(pledgeEnds[i], 0, "a pledge status was never reached");
        }
        for (uint256 i; i < 3; ++i) {
            assertGt(redemptionEnds[i], 0, "a redemption status was never reached");
        }
        assertGt(offers, 0, "no offer");
        assertGt(sales[0], 0, "no auction");
        assertGt(sales[1], 0, "no fixed-price offer bought from");
        assertGt(sales[2], 0, "no auction bought from");
        for (uint256 i; i < 7; ++i) {
            assertGt(orders[i], 0, string.concat("signed orders: no ", orderLabels[i]));
        }
        assertGt(blacklistChecks, 0, "no withdrawal checked under a blacklist");
        assertGt(reportsSubmitted, 0, "no oracle report");
        assertGt(oracleConfirmations, 0, "no redemption confirmed by the oracle");
        assertGt(oracleRefusals, 0, "no oracle confirmation refused for its place in the queue");
        for (uint256 i; i < 12; ++i) {
            assertGt(collateral[i], 0, string.concat("no ", collateralLabels[i]));
        }
    }

    function _toDynamic(uint256[7] memory a) internal pure returns (uint256[] memory out) {
        out = new uint256[](7);
        for (uint256 i; i < 7; ++i) {
            out[i] = a[i];
        }
    }

    function _toDynamic3(uint256[3] memory a) internal pure returns (uint256[] memory out) {
        out = new uint256[](3);
        for (uint256 i; i < 3; ++i) {
            out[i] = a[i];
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev All actors' balances of all lots in one balanceOfBatch, lot-major; with the escrow, the market and the
    /// lending module as three last columns.
    function _balances(bool withCustodians) internal view returns (uint256[] memory) {
        uint256 width = actors.length + (withCustodians ? 3 : 0);
        address[] memory accounts = new address[](width * lots.length);
        uint256[] memory ids = new uint256[](width * lots.length);
        for (uint256 l; l < lots.length; ++l) {
            for (uint256 a; a < width; ++a) {
                accounts[l * width + a] = a < actors.length
                    ? actors[a]
                    : a == actors.length ? address(escrow) : a == actors.length + 1 ? address(market) : address(lending);
                ids[l * width + a] = lots[l];
            }
        }
        return token.balanceOfBatch(accounts, ids);
    }

    function _lotIndex(uint256 lotId) internal view returns (uint256) {
        for (uint256 l; l < lots.length; ++l) {
            if (lots[l] == lotId) return l;
        }
        revert("unknown lot");
    }

    function _actorIndex(address account) internal view returns (uint256) {
        for (uint256 a; a < actors.length; ++a) {
            if (actors[a] == account) return a;
        }
        revert("unknown actor");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";

/// @notice The ghost state of the escrow invariant campaign: the ids the handler created, the statuses it last saw,
/// the credits and withdrawals it expects, the units listed and bought per market offer, the signed orders (asks and
/// bids with their signatures) and the units filled of each, the trade prices per price index key, the oracle reports
/// it submitted, the oracle confirmations and delivery queues it saw, what each pledge's collateral auction paid the
/// lender, and the flags it raised.
/// @dev Written only by the handler, read by `EscrowInvariants_Test`. Deployed by the test but never a fuzz target
/// (the test names its targets), so its setters need no access control (Sablier's `Store`).
contract EscrowStore {
    /*//////////////////////////////////////////////////////////////
                                  IDS
    //////////////////////////////////////////////////////////////*/

    uint256[] public offerIds;
    uint256[] public pledgeIds;
    uint256[] public redemptionIds;

    /*//////////////////////////////////////////////////////////////
                                 GHOSTS
    //////////////////////////////////////////////////////////////*/

    mapping(uint256 pledgeId => IComputeLending.PledgeStatus) public ghost_pledgeStatus;
    /// @dev Per pledge, the reference-price cap at its request: `units × referencePrice × loanToValue / 10 000`,
    /// whatever the price index said (the cap may follow the index down, never up).
    mapping(uint256 pledgeId => uint256) public ghost_referenceCapAtRequest;
    /// @dev Requests made while the lending module followed the price index; those of them whose cap the index
    /// lowered below the reference-price cap; requests above such a lowered cap, refused; index switches.
    uint256 public ghost_requestsWithIndex;
    uint256 public ghost_requestsUnderLoweredCap;
    uint256 public ghost_indexCapRefusals;
    uint256 public ghost_indexSwitches;
    /// @dev The units each pledge keeps locked: all of them while Requested or Active, the unsold ones while
    /// Auctioning, none once cancelled, repaid, claimed or liquidated.
    mapping(uint256 pledgeId => uint256) public ghost_pledgeLocked;
    /// @dev Per pledge, what its collateral auction's buys credited the lender (the handler's expectation).
    mapping(uint256 pledgeId => uint256) public ghost_paidToLender;
    mapping(uint256 redemptionId => IComputeEscrow.RedemptionStatus) public ghost_redemptionStatus;
    mapping(address account => uint256) public ghost_credited;
    mapping(address account => uint256) public ghost_withdrawn;

    /// @dev Per market offer: the units listed, and the units bought from it.
    mapping(uint256 offerId => uint256) public ghost_offerListed;
    mapping(uint256 offerId => uint256) public ghost_offerBought;
    /// @dev How many offers were auctions (start price above floor price), and how many fills of each kind succeeded.
    uint256 public ghost_auctions;
    uint256 public ghost_fixedPriceFills;
    uint256 public ghost_auctionFills;

    /// @dev The signed orders the handler made, as signed, with their signatures; `orderHashes` lists the digests of
    /// both kinds in the order they were signed.
    IComputeMarket.Ask[] internal _asks;
    bytes[] internal _askSigs;
    IComputeMarket.Bid[] internal _bids;
    bytes[] internal _bidSigs;
    bytes32[] public orderHashes;
    /// @dev Per signed order: its units, the units the handler filled, and whether its maker cancelled it.
    mapping(bytes32 orderHash => uint256) public ghost_orderUnits;
    mapping(bytes32 orderHash => uint256) public ghost_orderFilled;
    mapping(bytes32 orderHash => bool) public ghost_orderCancelled;
    /// @dev Successful fills of asks and of bids; cancellations; fills refused for a stale counter, for overfilling,
    /// for a tampered field (bad signature) and for a lot failing a bid's criteria.
    uint256 public ghost_askFills;
    uint256 public ghost_bidFills;
    uint256 public ghost_orderCancels;
    uint256 public ghost_staleRefusals;
    uint256 public ghost_overfillRefusals;
    uint256 public ghost_signatureRefusals;
    uint256 public ghost_mismatchRefusals;

    /// @dev The price index keys traded, with their GPU model and region, and the lowest and highest price traded.
    bytes32[] public indexKeys;
    mapping(bytes32 key => bytes16) public keyGpuModel;
    mapping(bytes32 key => bytes16) public keyRegion;
    mapping(bytes32 key => uint256) public ghost_minPrice;
    mapping(bytes32 key => uint256) public ghost_maxPrice;

    bytes32[] public reportedPools;
    uint64[] public reportedEpochs;
    mapping(bytes32 poolId => uint64) public lastEpoch;
    /// @dev The pool's last attested cumulative delivered GPU-hours (reports never lower it).
    mapping(bytes32 poolId => uint64) public lastDelivered;

    /// @dev Collateral auctions started by the lender and by a third party (after AUCTION_GRACE); buys of auctioned
    /// collateral crediting only the lender, both, or only the holder; settlements to the lender and to the holder;
    /// refused auction calls (too early, floor below the debt, start price outside a third party's band, too short,
    /// no room before the latest end, ended, price above the limit, not ended, a claim out after sales or by another
    /// account) and repayments refused mid-auction; the review's rules (L-1 … L-4): buys refused in the start block,
    /// settlements refused while the lender was de-listed, claims out of auctions that sold nothing (and which
    /// pledges were so claimed), requests refused to their own holder.
    uint256 public ghost_lenderAuctions;
    uint256 public ghost_thirdPartyAuctions;
    uint256 public ghost_salesToLender;
    uint256 public ghost_salesSplit;
    uint256 public ghost_salesToHolder;
    uint256 public ghost_settlementsToLender;
    uint256 public ghost_settlementsToHolder;
    uint256 public ghost_auctionRefusals;
    uint256 public ghost_repaysRefusedMidAuction;
    uint256 public ghost_buysRefusedInStartBlock;
    uint256 public ghost_settlementsAwaitingLender;
    uint256 public ghost_claimsOutOfAuction;
    uint256 public ghost_selfFundingRefusals;
    mapping(uint256 pledgeId => bool) public ghost_claimedOutOfAuction;

    /// @dev Redemptions confirmed by the oracle, with the pool's attested cumulative count when they were.
    uint256[] public oracleConfirmedIds;
    mapping(uint256 redemptionId => uint64) public ghost_attestedAtConfirmation;
    /// @dev How many oracle confirmations were refused because the count had not reached the redemption's place.
    uint256 public ghost_oracleRefusals;

    /// @dev Each pool's `deliveryQueued` as last seen, and whether it was ever seen lower than before.
    mapping(bytes32 poolId => uint64) public ghost_queued;
    bool public ghost_queueDecreased;

    /// @dev Set when a status moved backwards or skipped to a state not allowed from the previous one.
    bool public ghost_statusRegressed;
    /// @dev Set when, with some account blacklisted, another account's withdrawal of its credit failed.
    bool public ghost_blacklistBlockedOther;
    /// @dev How many withdrawals by a clean account succeeded while another account was blacklisted.
    uint256 public ghost_withdrawalsDespiteBlacklist;

    /*//////////////////////////////////////////////////////////////
                                SETTERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Records a new market offer of `units`; `auction` when its price falls over time.
    function pushOfferId(uint256 offerId, uint256 units, bool auction) external {
        offerIds.push(offerId);
        ghost_offerListed[offerId] = units;
        if (auction) ++ghost_auctions;
    }

    /// @dev Records a fill of `units` from `offerId` at `price` under index `key` (GPU model, region).
    function recordFill(
        uint256 offerId,
        uint256 units,
        bool auction,
        bytes32 key,
        bytes16 gpuModel,
        bytes16 region,
        uint256 price
    ) external {
        ghost_offerBought[offerId] += units;
        if (auction) ++ghost_auctionFills;
        else ++ghost_fixedPriceFills;
        _recordPrice(key, gpuModel, region, price);
    }

    /// @dev Records a self-trade fill of `units` from `offerId` (seller = buyer): it does not count for the index (M-2).
    function recordSelfFill(uint256 offerId, uint256 units, bool auction) external {
        ghost_offerBought[offerId] += units;
        if (auction) ++ghost_auctionFills;
        else ++ghost_fixedPriceFills;
    }

    /// @dev Records a self-trade fill of `units` of a signed order (maker = taker side): no index update (M-2).
    function recordSelfOrderFill(bytes32 orderHash, uint256 units, bool isAsk) external {
        ghost_orderFilled[orderHash] += units;
        if (isAsk) ++ghost_askFills;
        else ++ghost_bidFills;
    }

    /// @dev Records a signed ask as signed, with its signature and digest.
    function pushAsk(IComputeMarket.Ask calldata ask, bytes calldata signature, bytes32 orderHash) external {
        _asks.push(ask);
        _askSigs.push(signature);
        orderHashes.push(orderHash);
        ghost_orderUnits[orderHash] = ask.units;
    }

    /// @dev Records a signed bid as signed, with its signature and digest.
    function pushBid(IComputeMarket.Bid calldata bid, bytes calldata signature, bytes32 orderHash) external {
        _bids.push(bid);
        _bidSigs.push(signature);
        orderHashes.push(orderHash);
        ghost_orderUnits[orderHash] = bid.units;
    }

    /// @dev Records a fill of `units` of a signed order at `price` under index `key` (GPU model, region).
    function recordOrderFill(
        bytes32 orderHash,
        uint256 units,
        bool isAsk,
        bytes32 key,
        bytes16 gpuModel,
        bytes16 region,
        uint256 price
    ) external {
        ghost_orderFilled[orderHash] += units;
        if (isAsk) ++ghost_askFills;
        else ++ghost_bidFills;
        _recordPrice(key, gpuModel, region, price);
    }

    function cancelOrder(bytes32 orderHash) external {
        ghost_orderCancelled[orderHash] = true;
        ++ghost_orderCancels;
    }

    function countStaleRefusal() external {
        ++ghost_staleRefusals;
    }

    function countOverfillRefusal() external {
        ++ghost_overfillRefusals;
    }

    function countSignatureRefusal() external {
        ++ghost_signatureRefusals;
    }

    function countMismatchRefusal() external {
        ++ghost_mismatchRefusals;
    }

    /// @dev Widens the range of prices traded under `key` to `price`.
    function _recordPrice(bytes32 key, bytes16 gpuModel, bytes16 region, uint256 price) internal {
        if (ghost_maxPrice[key] == 0) {
            indexKeys.push(key);
            keyGpuModel[key] = gpuModel;
            keyRegion[key] = region;
            ghost_minPrice[key] = price;
            ghost_maxPrice[key] = price;
            return;
        }
        if (price < ghost_minPrice[key]) ghost_minPrice[key] = price;
        if (price > ghost_maxPrice[key]) ghost_maxPrice[key] = price;
    }

    /// @dev Records a new pledge with the units it locks.
    function pushPledgeId(uint256 pledgeId, uint256 locked) external {
        pledgeIds.push(pledgeId);
        ghost_pledgeLocked[pledgeId] = locked;
    }

    function pushRedemptionId(uint256 redemptionId) external {
        redemptionIds.push(redemptionId);
    }

    /// @dev The pledge's units are no longer locked (cancelled, repaid or claimed; liquidated: `recordSettlement`).
    function unlockPledge(uint256 pledgeId) external {
        ghost_pledgeLocked[pledgeId] = 0;
    }

    /// @dev A collateral auction started, by the pledge's lender or by a third party.
    function recordAuctionStart(bool byLender) external {
        if (byLender) ++ghost_lenderAuctions;
        else ++ghost_thirdPartyAuctions;
    }

    /// @dev A buy of `units` of `pledgeId`'s auctioned collateral credited `toLender` and `toHolder`: the units are no
    /// longer locked for the pledge.
    function recordCollateralSale(uint256 pledgeId, uint256 units, uint256 toLender, uint256 toHolder) external {
        ghost_pledgeLocked[pledgeId] -= units;
        ghost_paidToLender[pledgeId] += toLender;
        if (toHolder == 0) ++ghost_salesToLender;
        else if (toLender == 0) ++ghost_salesToHolder;
        else ++ghost_salesSplit;
    }

    /// @dev `pledgeId`'s ended auction was settled: its unsold units went to the lender or were unlocked for the
    /// holder.
    function recordSettlement(uint256 pledgeId, bool toLender) external {
        ghost_pledgeLocked[pledgeId] = 0;
        if (toLender) ++ghost_settlementsToLender;
        else ++ghost_settlementsToHolder;
    }

    function countAuctionRefusal() external {
        ++ghost_auctionRefusals;
    }

    function countRepayRefusedMidAuction() external {
        ++ghost_repaysRefusedMidAuction;
    }

    function countBuyRefusedInStartBlock() external {
        ++ghost_buysRefusedInStartBlock;
    }

    function countSettlementAwaitingLender() external {
        ++ghost_settlementsAwaitingLender;
    }

    /// @dev A pledge was requested with a reference-price cap of `referenceCap`; `withIndex`: the module followed the
    /// price index; `lowered`: the index put the cap below the reference-price cap.
    function recordPledgeCap(uint256 pledgeId, uint256 referenceCap, bool withIndex, bool lowered) external {
        ghost_referenceCapAtRequest[pledgeId] = referenceCap;
        if (withIndex) ++ghost_requestsWithIndex;
        if (lowered) ++ghost_requestsUnderLoweredCap;
    }

    function countIndexCapRefusal() external {
        ++ghost_indexCapRefusals;
    }

    function countIndexSwitch() external {
        ++ghost_indexSwitches;
    }

    /// @dev Every pledge's reference-price cap at request, by id (index 0 unused).
    function referenceCaps() external view returns (uint256[] memory caps) {
        uint256 n = pledgeIds.length;
        caps = new uint256[](n + 1);
        for (uint256 id = 1; id <= n; ++id) {
            caps[id] = ghost_referenceCapAtRequest[id];
        }
    }

    function countSelfFundingRefusal() external {
        ++ghost_selfFundingRefusals;
    }

    /// @dev The lender took `pledgeId`'s units out of its auction, which had sold nothing (the pledge is Claimed; its
    /// auction stays stored).
    function recordClaimOut(uint256 pledgeId) external {
        ghost_claimedOutOfAuction[pledgeId] = true;
        ++ghost_claimsOutOfAuction;
    }

    function setPledgeStatus(uint256 pledgeId, IComputeLending.PledgeStatus status) external {
        ghost_pledgeStatus[pledgeId] = status;
    }

    function setRedemptionStatus(uint256 redemptionId, IComputeEscrow.RedemptionStatus status) external {
        ghost_redemptionStatus[redemptionId] = status;
    }

    function addCredit(address account, uint256 amount) external {
        ghost_credited[account] += amount;
    }

    function addWithdrawal(address account, uint256 amount) external {
        ghost_withdrawn[account] += amount;
    }

    /// @dev Records a report submitted for `poolId` at `epoch` (the pool's next epoch) with its cumulative delivered
    /// hours.
    function recordReport(bytes32 poolId, uint64 epoch, uint64 delivered) external {
        lastEpoch[poolId] = epoch;
        reportedPools.push(poolId);
        reportedEpochs.push(epoch);
        lastDelivered[poolId] = delivered;
    }

    /// @dev Records that the oracle confirmed `redemptionId` while the pool's attested count was `attested`.
    function pushOracleConfirmation(uint256 redemptionId, uint64 attested) external {
        oracleConfirmedIds.push(redemptionId);
        ghost_attestedAtConfirmation[redemptionId] = attested;
    }

    function countOracleRefusal() external {
        ++ghost_oracleRefusals;
    }

    /// @dev Records the pool's `deliveryQueued` now; flags a value below the previous one.
    function recordQueue(bytes32 poolId, uint64 queued) external {
        if (queued < ghost_queued[poolId]) ghost_queueDecreased = true;
        ghost_queued[poolId] = queued;
    }

    function flagStatusRegressed() external {
        ghost_statusRegressed = true;
    }

    function flagBlacklistBlockedOther() external {
        ghost_blacklistBlockedOther = true;
    }

    function countWithdrawalDespiteBlacklist() external {
        ++ghost_withdrawalsDespiteBlacklist;
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @dev Ghost locks and statuses of pledges 1..n, in one call.
    function pledgeGhosts()
        external
        view
        returns (uint256[] memory locked, IComputeLending.PledgeStatus[] memory statuses)
    {
        uint256 n = pledgeIds.length;
        locked = new uint256[](n + 1);
        statuses = new IComputeLending.PledgeStatus[](n + 1);
        for (uint256 id = 1; id <= n; ++id) {
            locked[id] = ghost_pledgeLocked[id];
            statuses[id] = ghost_pledgeStatus[id];
        }
    }

    /// @dev What the auctions of pledges 1..n paid their lenders, and whether the lender claimed out of each, in one
    /// call.
    function auctionGhosts() external view returns (uint256[] memory paid, bool[] memory claimedOut) {
        uint256 n = pledgeIds.length;
        paid = new uint256[](n + 1);
        claimedOut = new bool[](n + 1);
        for (uint256 id = 1; id <= n; ++id) {
            paid[id] = ghost_paidToLender[id];
            claimedOut[id] = ghost_claimedOutOfAuction[id];
        }
    }

    /// @dev Ghost statuses of redemptions 1..n, in one call.
    function redemptionGhosts() external view returns (IComputeEscrow.RedemptionStatus[] memory statuses) {
        uint256 n = redemptionIds.length;
        statuses = new IComputeEscrow.RedemptionStatus[](n + 1);
        for (uint256 id = 1; id <= n; ++id) {
            statuses[id] = ghost_redemptionStatus[id];
        }
    }

    /// @dev Credited minus withdrawn, per account, in one call.
    function netCredits(address[] calldata accounts) external view returns (uint256[] memory net) {
        net = new uint256[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) {
            net[i] = ghost_credited[accounts[i]] - ghost_withdrawn[accounts[i]];
        }
    }

    /// @dev The oracle-confirmed redemptions with the attested count at their confirmation, in one call.
    function oracleConfirmations() external view returns (uint256[] memory ids, uint64[] memory attested) {
        ids = oracleConfirmedIds;
        attested = new uint64[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            attested[i] = ghost_attestedAtConfirmation[ids[i]];
        }
    }

    function offerCount() external view returns (uint256) {
        return offerIds.length;
    }

    function indexKeyCount() external view returns (uint256) {
        return indexKeys.length;
    }

    /// @dev Listed and bought units of every offer, in `offerIds` order, in one call.
    function offerGhosts()
        external
        view
        returns (uint256[] memory ids, uint256[] memory listed, uint256[] memory bought)
    {
        ids = offerIds;
        listed = new uint256[](ids.length);
        bought = new uint256[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            listed[i] = ghost_offerListed[ids[i]];
            bought[i] = ghost_offerBought[ids[i]];
        }
    }

    function askCount() external view returns (uint256) {
        return _asks.length;
    }

    function bidCount() external view returns (uint256) {
        return _bids.length;
    }

    function orderCount() external view returns (uint256) {
        return orderHashes.length;
    }

    /// @dev Ask `i` as signed, with its signature.
    function askAt(uint256 i) external view returns (IComputeMarket.Ask memory, bytes memory) {
        return (_asks[i], _askSigs[i]);
    }

    /// @dev Bid `i` as signed, with its signature.
    function bidAt(uint256 i) external view returns (IComputeMarket.Bid memory, bytes memory) {
        return (_bids[i], _bidSigs[i]);
    }

    /// @dev Every signed order's digest, units, units filled and cancellation, in one call.
    function orderGhosts()
        external
        view
        returns (bytes32[] memory hashes, uint256[] memory units, uint256[] memory filled, bool[] memory cancelled)
    {
        hashes = orderHashes;
        units = new uint256[](hashes.length);
        filled = new uint256[](hashes.length);
        cancelled = new bool[](hashes.length);
        for (uint256 i; i < hashes.length; ++i) {
            units[i] = ghost_orderUnits[hashes[i]];
            filled[i] = ghost_orderFilled[hashes[i]];
            cancelled[i] = ghost_orderCancelled[hashes[i]];
        }
    }

    function pledgeCount() external view returns (uint256) {
        return pledgeIds.length;
    }

    function redemptionCount() external view returns (uint256) {
        return redemptionIds.length;
    }

    function oracleConfirmationCount() external view returns (uint256) {
        return oracleConfirmedIds.length;
    }

    function reportCount() external view returns (uint256) {
        return reportedPools.length;
    }
}

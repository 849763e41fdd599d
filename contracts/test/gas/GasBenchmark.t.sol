// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VmSafe} from "forge-std/Vm.sol";

import {ComputeCurtailment} from "../../src/curtailment/ComputeCurtailment.sol";
import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeMarket} from "../../src/interfaces/IComputeMarket.sol";
import {IUtilizationOracle} from "../../src/interfaces/IUtilizationOracle.sol";
import {OrderTestLib} from "../market/utils/OrderTestLib.sol";
import {SuiteFixture} from "../utils/SuiteFixture.sol";
import {PlainERC1155} from "./PlainERC1155.sol";

/// @notice Gas of each user-facing operation, side by side with a plain OpenZeppelin ERC1155.
/// @dev Run with `forge test --match-contract GasBenchmark --isolate`: every top-level call is then a transaction
/// of its own (cold storage, intrinsic gas), as on a real chain. Figures land in contracts/snapshots/*.json.
contract GasBenchmark is SuiteFixture {
    PlainERC1155 internal plain;
    ComputeCurtailment internal curtailment;
    address internal carol = makeAddr("carol");
    address internal dave = makeAddr("dave");

    /// @dev Figures land in contracts/snapshots only under `forge snapshot` (the gas command in .ci/run): a plain
    /// `forge test` runs the same calls but writes nothing, so it leaves the work tree clean.
    function _record(string memory group, string memory name) internal {
        if (vm.isContext(VmSafe.ForgeContext.Snapshot)) vm.snapshotGasLastCall(group, name);
    }

    function setUp() public override {
        super.setUp();
        plain = new PlainERC1155();
        // As deployed: the escrow asks the curtailment module about every new lot (firm ones included).
        curtailment = new ComputeCurtailment(token, escrow, oracle);
        vm.prank(admin);
        escrow.setCurtailmentModule(address(curtailment));
        vm.startPrank(compliance);
        token.setAllowed(carol, true);
        token.setAllowed(dave, true);
        vm.stopPrank();
    }

    function test_Gas_Token_IssueNewLot_FirstOfPool() public {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        vm.prank(provider);
        token.issueLot(spec, alice, 1000);
        _record("token", "issueLot_new_firstOfPool");
    }

    function test_Gas_Token_IssueNewLot_KnownPool() public {
        _issueLot(1000); // the pool's first lot records its hardware profile
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.startsAt += WINDOW;
        spec.endsAt += WINDOW;
        vm.prank(provider);
        token.issueLot(spec, alice, 1000);
        _record("token", "issueLot_new_knownPool");
    }

    function test_Gas_Token_IssueExistingLot() public {
        uint256 lotId = _issueLot(1000);
        vm.prank(provider);
        token.issue(lotId, alice, 500);
        _record("token", "issue_existingLot_existingHolder");
    }

    function test_Gas_Transfer_ToFreshHolder() public {
        uint256 lotId = _issueLot(1000);
        plain.mint(provider, lotId, 1000);

        vm.prank(provider);
        plain.safeTransferFrom(provider, carol, lotId, 10, "");
        _record("transfer", "plainOZ_toFreshHolder");

        vm.prank(provider);
        token.safeTransferFrom(provider, carol, lotId, 10, "");
        _record("transfer", "compliant_toFreshHolder");
    }

    function test_Gas_Transfer_ToExistingHolder() public {
        uint256 lotId = _issueLot(1000);
        plain.mint(provider, lotId, 1000);
        plain.mint(dave, lotId, 1);
        vm.prank(provider);
        token.safeTransferFrom(provider, dave, lotId, 1, "");

        vm.prank(provider);
        plain.safeTransferFrom(provider, dave, lotId, 10, "");
        _record("transfer", "plainOZ_toExistingHolder");

        vm.prank(provider);
        token.safeTransferFrom(provider, dave, lotId, 10, "");
        _record("transfer", "compliant_toExistingHolder");
    }

    /// @dev A fixed-price sale (the name and the `escrow.purchase` figure are kept from when the escrow listed offers;
    /// the purchase now goes through the market, which pays into the escrow and has it credit the seller). The first
    /// trade of its (GPU model, region, currency): the price index entry is written from zero.
    function test_Gas_Escrow_Purchase() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        vm.prank(alice);
        uint256 offerId = market.createOffer(lotId, 100, 3_000_000, uint40(block.timestamp + 1 days));
        _record("market", "createOffer");
        vm.prank(bob);
        market.purchase(offerId, 10, 3_000_000);
        _record("escrow", "purchase");
    }

    /// @dev A Dutch auction listed, then bought from a day into its ten days (the price is computed on the curve);
    /// also the first trade of its key.
    function test_Gas_Market_Auction() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        vm.prank(alice);
        uint256 offerId = market.createAuction(
            lotId, 100, 4_000_000, 1_000_000, uint40(block.timestamp), uint40(block.timestamp + 10 days)
        );
        _record("market", "createAuction");
        vm.warp(block.timestamp + 1 days);
        vm.prank(bob);
        market.purchase(offerId, 10, 4_000_000);
        _record("market", "purchase_auction");
    }

    /// @dev A signed ask bought from twice, in the terms of `test_Gas_Escrow_Purchase` (10 units at 3.00 by bob, a fresh
    /// holder, the first trade of its key). The first fill also checks the seller's signature, writes the order's
    /// state from zero, and reads the lot from the token to write its index key (no offer listed the lot: a cost each
    /// lot pays once, see `fillAsk_listedLot`); the second, a partial fill of the same ask by the same buyer, checks no
    /// signature.
    function test_Gas_Market_FillAsk() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        IComputeMarket.Ask memory ask = IComputeMarket.Ask({
            seller: alice,
            lotId: lotId,
            units: 100,
            pricePerUnit: 3_000_000,
            currency: address(usdc),
            expiry: uint40(block.timestamp + 1 days),
            salt: 0,
            counter: 0
        });
        bytes memory sig = _signOrder("alice", OrderTestLib.askDigest(address(market), ask));
        vm.prank(bob);
        market.fillAsk(ask, sig, 10);
        _record("market", "fillAsk");
        vm.prank(bob);
        market.fillAsk(ask, sig, 10);
        _record("market", "fillAsk_secondFill");
    }

    /// @dev The first fill of a signed ask of a lot an offer listed before (so the lot's index key is recorded, as for
    /// `purchase`, whose offer `createOffer` listed): with `test_Gas_Escrow_Purchase`, the like-for-like comparison
    /// (10 units at 3.00 by bob, a fresh holder, the first trade of its key).
    function test_Gas_Market_FillAsk_ListedLot() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        vm.prank(alice);
        market.createOffer(lotId, 50, 3_000_000, uint40(block.timestamp + 1 days));
        IComputeMarket.Ask memory ask = IComputeMarket.Ask({
            seller: alice,
            lotId: lotId,
            units: 50,
            pricePerUnit: 3_000_000,
            currency: address(usdc),
            expiry: uint40(block.timestamp + 1 days),
            salt: 0,
            counter: 0
        });
        bytes memory sig = _signOrder("alice", OrderTestLib.askDigest(address(market), ask));
        vm.prank(bob);
        market.fillAsk(ask, sig, 10);
        _record("market", "fillAsk_listedLot");
    }

    /// @dev alice sells 10 units into bob's signed bid for H100s in eu-central at 3.00 (the first fill: signature
    /// checked, the lot matched against the bid, the first trade of its key).
    function test_Gas_Market_FillBid() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        IComputeMarket.Bid memory bid = IComputeMarket.Bid({
            buyer: bob,
            gpuModel: bytes16("H100-SXM5-80GB"),
            region: bytes16("eu-central"),
            deliveryFrom: 0,
            deliveryUntil: 0,
            minSlaBps: SLA,
            maxWhPerGpuHour: 0,
            minUnitCover: 0,
            currency: address(usdc),
            pricePerUnit: 3_000_000,
            units: 100,
            expiry: uint40(block.timestamp + 1 days),
            salt: 0,
            counter: 0
        });
        bytes memory sig = _signOrder("bob", OrderTestLib.bidDigest(address(market), bid));
        vm.prank(alice);
        market.fillBid(bid, sig, lotId, 10);
        _record("market", "fillBid");
    }

    /// @dev The signature of `digest` by the key forge-std's `makeAddr(name)` derives.
    function _signOrder(string memory name, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(uint256(keccak256(bytes(name))), digest);
        return OrderTestLib.packSignature(v, r, s);
    }

    /// @dev A pledge requested, funded and repaid through the lending module (pledges left the escrow; the record names
    /// are kept, now in contracts/snapshots/lending.json). Funding and repaying move the stablecoin from the payer
    /// straight into the escrow and call its `creditLoan`.
    function test_Gas_Lending_PledgeFundRepay() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        vm.prank(alice);
        uint256 pledgeId = lending.requestPledge(lotId, 40, lender, 40e6, 1e6, uint40(block.timestamp + 10 days));
        _record("lending", "pledge_request");
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        _record("lending", "pledge_fund");
        vm.prank(alice);
        lending.repay(pledgeId);
        _record("lending", "repay");
    }

    /// @dev `pledge_request` with the loan-to-value cap following the market's price index (`setPriceIndex`), after a
    /// trade of the lot's key at 0.90, below its 2.50 reference price: the request also reads the lot's currency from
    /// the escrow and the index entry from the market (`priceOf`), and its cap is 40 × 0.90 × 50 % = 18e6.
    function test_Gas_Lending_PledgeRequest_IndexOn() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(market)));
        vm.prank(alice);
        uint256 offerId = market.createOffer(lotId, 10, 900_000, uint40(block.timestamp + 1 days));
        vm.prank(bob);
        market.purchase(offerId, 1, 900_000);
        vm.prank(alice);
        lending.requestPledge(lotId, 40, lender, 18e6, 1e6, uint40(block.timestamp + 10 days));
        _record("lending", "pledge_request_indexOn");
    }

    /// @dev A funded pledge left unpaid: at maturity the lender takes the locked units (seized to it, no money moves).
    function test_Gas_Lending_ClaimCollateral() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        uint40 maturity = uint40(block.timestamp + 10 days);
        vm.prank(alice);
        uint256 pledgeId = lending.requestPledge(lotId, 40, lender, 40e6, 1e6, maturity);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(maturity);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _record("lending", "claimCollateral");
    }

    /// @dev A funded pledge (40 units, 40e6 + 1e6 owed) left unpaid: at maturity the lender auctions the units from
    /// 3.00 down to 1.00 over ten hours. An hour in (2.80) bob, a fresh holder, buys 10 units for 28e6, all of it the
    /// lender's (`buyCollateral_lenderOnly`: one credit); the provider, a fresh holder too, buys 10 more, 13e6 to the
    /// lender and 15e6 to the holder (`buyCollateral_split`: two credits). After the end anyone settles the 20 units
    /// left to the lender.
    function test_Gas_Lending_CollateralAuction() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        uint40 maturity = uint40(block.timestamp + 10 days);
        vm.prank(alice);
        uint256 pledgeId = lending.requestPledge(lotId, 40, lender, 40e6, 1e6, maturity);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(maturity);
        vm.prank(lender);
        lending.startCollateralAuction(pledgeId, 3e6, 1e6, 10 hours);
        _record("lending", "startCollateralAuction");
        vm.warp(block.timestamp + 1 hours);
        vm.prank(bob);
        lending.buyCollateral(pledgeId, 10, 2_800_000);
        _record("lending", "buyCollateral_lenderOnly");
        vm.prank(provider);
        lending.buyCollateral(pledgeId, 10, 2_800_000);
        _record("lending", "buyCollateral_split");
        vm.warp(block.timestamp + 10 hours);
        vm.prank(carol);
        lending.settleCollateralAuction(pledgeId);
        _record("lending", "settleCollateralAuction");
    }

    /// @dev A top-up of an existing lot's bond: what the provider paid in a separate transaction before issuing
    /// pulled the bond itself (compare with issueLot).
    function test_Gas_Escrow_PostBond() public {
        uint256 lotId = _issueLot(1000);
        vm.prank(provider);
        escrow.postBond(lotId, 1000 * uint256(PRICE));
        _record("escrow", "postBond_topUp");
    }

    function test_Gas_Escrow_Redeem() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        vm.warp(block.timestamp + 2 days);
        vm.prank(alice);
        escrow.redeem(lotId, 10);
        _record("escrow", "redeem");
    }

    /// @dev A redemption in a pool that has a report: the delivery queue starts at the attested count, read from the
    /// oracle (in `redeem` above the pool has none and the read reverts inside a try).
    function test_Gas_Escrow_Redeem_PoolReported() public {
        uint256 lotId = _lotHeldBy(alice, 100);
        vm.warp(block.timestamp + 2 days);
        _report(POOL, 1, 9950, 100, 2);
        vm.prank(alice);
        escrow.redeem(lotId, 10);
        _record("escrow", "redeem_poolReported");
    }

    /// @dev One aggregate report signed by 1, 3 and 5 reporters (one digest whatever the count). The counters stay at
    /// their values (an idle epoch: the second storage word is rewritten unchanged), as in the figures before the
    /// aggregate report; `submitReport_3sig_countersMoved` is the usual case, a delivered count that grew.
    function test_Gas_Oracle_Report() public {
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, 1);
        _report(POOL, 1, 9950, 100, 1); // first report of the pool: storage goes from zero to non-zero

        _report(POOL, 2, 9950, 100, 1);
        _record("oracle", "submitReport_1sig");
        _report(POOL, 3, 9950, 100, 3);
        _record("oracle", "submitReport_3sig");
        _report(POOL, 4, 9950, 100, 5);
        _record("oracle", "submitReport_5sig");
        _report(POOL, 5, 9950, 180, 3);
        _record("oracle", "submitReport_3sig_countersMoved");
    }

    /*//////////////////////////////////////////////////////////////
                          INTERRUPTIBLE LOTS
    //////////////////////////////////////////////////////////////*/

    /// @dev An interruptible lot on POOL_2: 20 % curtailable at 1.25 USDC per curtailed hour, capacity 1000.
    function _interruptibleSpec() internal view returns (IComputeCapacityToken.LotSpec memory spec) {
        spec = _spec();
        spec.poolId = POOL_2;
        spec.metadataHash = keccak256("interruptible lot");
    }

    /// @dev A quorum report for POOL_2 observed now with cumulative curtailed hours `curtailed`.
    function _reportCurtailed(uint64 epoch, uint64 curtailed) internal {
        IUtilizationOracle.Report memory report = _reportOf(POOL_2, epoch, 10_000, 0, 2);
        report.curtailedGpuHours = curtailed;
        bytes[] memory sigs = new bytes[](2);
        for (uint256 i; i < 2; ++i) {
            sigs[i] = _sign(i, report);
        }
        oracle.submitReport(report, sigs);
    }

    /// @dev Declaration, the interruptible lot's first issuance (units' cover plus the refund cover), a sync that
    /// attributes, finalization (reserving the pot), a holder's claim and a delivered redemption's claim.
    function test_Gas_Curtailment_Lifecycle() public {
        IComputeCapacityToken.LotSpec memory spec = _interruptibleSpec();
        vm.prank(provider);
        uint256 lotId = curtailment.declareInterruptible(spec, 2000, 1_250_000, 1000);
        _record("curtailment", "declareInterruptible");
        vm.prank(provider);
        token.issueLot(spec, alice, 800);
        _record("curtailment", "issueLot_interruptible");

        vm.warp(spec.startsAt);
        _reportCurtailed(1, 0);
        curtailment.sync(POOL_2);
        _record("curtailment", "sync_nothingAttributed");
        vm.prank(alice);
        uint256 redemptionId = escrow.redeem(lotId, 50);
        vm.prank(alice);
        escrow.confirmDelivery(redemptionId);
        vm.warp(spec.startsAt + 1 days);
        _reportCurtailed(2, 12);
        curtailment.sync(POOL_2);
        _record("curtailment", "sync_attributing");

        vm.warp(spec.endsAt);
        _reportCurtailed(3, 12);
        curtailment.sync(POOL_2);
        curtailment.finalize(lotId);
        _record("curtailment", "finalize_exact");
        curtailment.claim(lotId, alice);
        _record("curtailment", "claim");
        curtailment.claimRedeemed(redemptionId);
        _record("curtailment", "claimRedeemed");
    }

    /// @dev A bond withdrawal of an interruptible lot before finalization, within what the refund cover leaves free
    /// (firm lots: `withdrawBond` is unchanged but for one read of the slot it already shares with the currency).
    function test_Gas_Curtailment_WithdrawBondPending() public {
        IComputeCapacityToken.LotSpec memory spec = _interruptibleSpec();
        vm.prank(provider);
        uint256 lotId = curtailment.declareInterruptible(spec, 2000, 1_250_000, 1000);
        vm.prank(provider);
        token.issueLot(spec, alice, 800);
        vm.warp(spec.endsAt);
        vm.prank(provider);
        escrow.withdrawBond(lotId, 800 * uint256(PRICE));
        _record("curtailment", "withdrawBond_beforeFinalize");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeCurtailment} from "../../src/interfaces/IComputeCurtailment.sol";
import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {IComputeMarket} from "../../src/interfaces/IComputeMarket.sol";
import {CurtailmentBase} from "./CurtailmentBase.sol";

/// @notice The attacks on interruptible lots (docs/SPEC.md §9, CU-1 … CU-8), each written before its defence: a
/// provider that wants its bond back or fewer refunds, a holder that wants more than its share, a buyer of firm
/// capacity handed curtailable units, a rogue caller of the escrow's curtailment entry points.
contract Curtailment_SecurityFindings_Test is CurtailmentBase {
    /// @dev CU-1 (A1): the provider curtails, then withholds every later report and sync, hoping the lot finalizes
    /// on the little that was counted. After the grace the unsynced window is presumed curtailed up to the share,
    /// and until then the bond behind the refunds cannot be withdrawn.
    function test_CU1_WithheldReportsArePresumedCurtailed() external {
        _issuedAndStarted();
        vm.warp(iStartsAt + 1 days);
        _reportAndSync(3);
        vm.warp(iEndsAt + 1);
        uint256 held = ISSUED * CURTAIL_COVER;
        (uint256 total,) = escrow.bondOf(iLot);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentPending.selector, iLot, held));
        vm.prank(provider);
        escrow.withdrawBond(iLot, total);

        vm.warp(uint256(iEndsAt) + curtailment.FINALIZE_GRACE());
        uint256 pot = curtailment.finalize(iLot);
        assertEq(_attributed(), CURTAIL_CAP, "the whole share");
        assertEq(pot, held, "every unit's cover");
    }

    /// @dev CU-2 (A2): the provider has a firm lot on the same pool and would book the curtailment against it. The
    /// pool's curtailed hours count against the interruptible lot first; the firm lot's bond and redemptions are
    /// untouched.
    function test_CU2_CurtailmentCountsAgainstTheInterruptibleLotFirst() external {
        IComputeCapacityToken.LotSpec memory firmSpec = iSpec;
        firmSpec.metadataHash = keccak256("firm lot on POOL_2");
        vm.prank(provider);
        uint256 firmLot = token.issueLot(firmSpec, provider, 5000);
        _issuedAndStarted();
        vm.warp(iStartsAt + 1 days);
        assertEq(_reportAndSync(30), 30, "all 30 hours are the interruptible lot's");
        assertEq(escrow.curtailmentOf(firmLot).curtailCover, 0, "the firm lot stays firm");
        assertEq(_bondTotal(firmLot), 5000 * uint256(PRICE), "its bond covers its units alone");
        vm.prank(provider);
        uint256 redemptionId = escrow.redeem(firmLot, 10);
        assertEq(escrow.redemption(redemptionId).reserved, 10 * uint256(PRICE), "redeemed at the full cover");
    }

    /// @dev CU-3 (A5): the provider issues itself more units than the declared capacity to dilute each unit's share.
    function test_CU3_RevertWhen_IssuingAboveTheDeclaredCapacity() external {
        _issueInterruptible(CAPACITY, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_AboveInterruptibleCapacity.selector, iLot, uint256(CAPACITY) + 1, CAPACITY
            )
        );
        vm.prank(provider);
        token.issue(iLot, provider, 1);

        uint256[] memory ids = new uint256[](2);
        uint256[] memory units = new uint256[](2);
        (ids[0], ids[1], units[0], units[1]) = (lotId, iLot, 1, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_AboveInterruptibleCapacity.selector, iLot, uint256(CAPACITY) + 1, CAPACITY
            )
        );
        vm.prank(provider);
        token.issueBatch(ids, provider, units);
    }

    /// @dev CU-3 also: a first issuance above the capacity.
    function test_CU3_RevertWhen_TheFirstIssuanceExceedsTheCapacity() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_AboveInterruptibleCapacity.selector, iLot, uint256(CAPACITY) + 1, CAPACITY
            )
        );
        vm.prank(provider);
        token.issueLot(iSpec, provider, uint256(CAPACITY) + 1);
    }

    /// @dev CU-4 (A6): the provider withdraws the bond after the window but before the lot is finalized. It keeps
    /// the units' refund cover back only until then; the rest is its own as for a firm lot.
    function test_CU4_BondBehindRefundsStaysUntilFinalized() external {
        _issuedAndStarted();
        vm.warp(iStartsAt + 1 days);
        _reportAndSync(12);
        vm.warp(iEndsAt);
        uint256 held = ISSUED * CURTAIL_COVER;
        (uint256 total,) = escrow.bondOf(iLot);
        vm.prank(provider);
        escrow.withdrawBond(iLot, total - held); // the units' cover: free after the window
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentPending.selector, iLot, held));
        vm.prank(provider);
        escrow.withdrawBond(iLot, 1);

        uint256 pot = _finalizeExact();
        vm.prank(provider);
        escrow.withdrawBond(iLot, held - pot);
        assertEq(_bondTotal(iLot), pot, "the pot alone stays");
    }

    /// @dev CU-5 (A8): holders try to be paid twice — claiming again, claiming a redeemed unit both as a redemption
    /// and as a balance — and every account claims: the credits never pass the pot.
    function test_CU5_ClaimsNeverExceedThePot() external {
        _issuedAndStarted();
        vm.prank(bob);
        uint256 redemptionId = escrow.redeem(iLot, 50);
        vm.prank(bob);
        escrow.confirmDelivery(redemptionId);
        vm.warp(iStartsAt + 1 days);
        _reportAndSync(7); // 800 × 7 × 1.25 / 1000 = 7 USDC, with rounding on every share
        uint256 pot = _finalizeExact();

        uint256 paid = curtailment.claim(iLot, alice) + curtailment.claim(iLot, bob) + curtailment.claim(iLot, provider)
            + curtailment.claimRedeemed(redemptionId);
        assertLe(paid, pot, "within the pot");
        assertEq(escrow.curtailmentOf(iLot).potRemaining, pot - paid);
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NothingToClaim.selector, iLot, bob));
        curtailment.claim(iLot, bob);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_RedemptionAlreadyClaimed.selector, redemptionId)
        );
        curtailment.claimRedeemed(redemptionId);
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertGe(balance, obligations, "solvent");
    }

    /// @dev CU-6 (A15): a criteria bid names firm capacity; a seller fills it with interruptible units. Refused, and
    /// interruptible trades leave the firm index alone.
    function test_CU6_RevertWhen_ACriteriaBidIsFilledWithInterruptibleUnits() external {
        _issueInterruptible(ISSUED, 500, 200);
        IComputeMarket.Bid memory bid = _bid(bob, 10, PRICE); // the lot's GPU model and region, firm capacity meant
        bytes memory signature = _signBid(BOB_KEY, bid);
        bytes32 orderHash = market.hashBid(bid);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeMarket.Market_LotDoesNotMatchBid.selector,
                orderHash,
                iLot,
                IComputeMarket.BidCriterion.Interruptible
            )
        );
        vm.prank(alice);
        market.fillBid(bid, signature, iLot, 10);

        // An interruptible offer sells at a discount without moving the firm price index.
        vm.prank(alice);
        uint256 offerId = market.createOffer(iLot, 10, 1_000_000, iEndsAt);
        vm.prank(bob);
        market.purchase(offerId, 10, 1_000_000);
        (uint256 lastPrice, uint40 lastTradeAt,) = market.priceOf(GPU, REGION, address(usdc));
        assertEq(lastPrice, 0, "no trade in the firm index");
        assertEq(lastTradeAt, 0);
    }

    /// @dev CU-7 (A16): anyone but the wired module reserving or crediting curtailment refunds, and the module
    /// crediting past a lot's pot.
    function test_CU7_RevertWhen_ARogueCallerMovesRefunds() external {
        _issueInterruptible(ISSUED, 500, 200);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, provider));
        vm.prank(provider);
        escrow.reserveCurtailment(iLot, 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, alice));
        vm.prank(alice);
        escrow.creditCurtailment(iLot, alice, 1);
        vm.prank(address(curtailment));
        escrow.reserveCurtailment(iLot, 5);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentPotExceeded.selector, iLot, 6, 5));
        vm.prank(address(curtailment));
        escrow.creditCurtailment(iLot, alice, 6);
    }

    /// @dev CU-8 (A9): a relayer replays an older report (observed before the checkpoint) to re-count hours.
    function test_CU8_RevertWhen_AnOlderReportIsSyncedAgain() external {
        _issuedAndStarted();
        vm.warp(iStartsAt + 1 days);
        _reportAndSync(10);
        uint64 at = uint64(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_ReportNotNewer.selector, POOL_2, at, at));
        curtailment.sync(POOL_2);
        assertEq(_attributed(), 10, "counted once");
    }

    /*//////////////////////////////////////////////////////////////
              OUTSIDE REVIEW OF INTERRUPTIBLE LOTS (CR-n)
    //////////////////////////////////////////////////////////////*/

    /// @dev A spec on `pool` starting at `startsAt`, 30 days long, told apart by `tag`.
    function _specAt(string memory tag, bytes32 pool, uint40 startsAt)
        internal
        view
        returns (IComputeCapacityToken.LotSpec memory spec)
    {
        spec = iSpec;
        spec.poolId = pool;
        spec.metadataHash = keccak256(bytes(tag));
        spec.startsAt = startsAt;
        spec.endsAt = startsAt + 30 days;
    }

    /// @dev CR-1 (high): the provider finalizes a dummy declaration A (never issued), declares and sells the real lot B,
    /// then revokes A to delete B's live entry (nobody could sync B) and re-declares to move the checkpoint past B's
    /// end. Revoking a finalized declaration is refused, and only a pool's own live lot is ever cleared.
    function test_CR1_RevertWhen_RevokingAFinalizedDeclarationToUnlistTheLiveLot() external {
        vm.warp(iEndsAt);
        _reportAndSync(0);
        assertEq(curtailment.finalize(iLot), 0, "A: never issued, an empty pot");

        IComputeCapacityToken.LotSpec memory b = _specAt("B", POOL_2, uint40(block.timestamp + 1 days));
        uint256 bLot = _declare(b, SHARE_BPS, RATE, CAPACITY);
        vm.startPrank(provider);
        token.issueLot(b, provider, ISSUED);
        token.safeTransferFrom(provider, alice, bLot, 500, "");
        vm.stopPrank();
        vm.warp(b.startsAt + 1 hours);
        _reportAndSync(1);
        vm.warp(b.startsAt + 10 days);
        _reportCurtailed(150, 0);

        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_AlreadyFinalized.selector, iLot));
        vm.prank(provider);
        curtailment.revokeDeclaration(iLot);
        assertEq(curtailment.liveLotOf(POOL_2), bLot, "B stays live");
        assertGt(curtailment.sync(POOL_2), 0, "B's curtailment is counted");
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_PoolHasLiveLot.selector, POOL_2, bLot));
        vm.prank(provider);
        curtailment.declareInterruptible(
            _specAt("C", POOL_2, uint40(block.timestamp + 1 days)), SHARE_BPS, RATE, CAPACITY
        );
    }

    /// @dev CR-2 (high): nothing curtailed, the pot is 0; the refund cover must still be released to the provider once
    /// the lot is finalized (it stayed locked for good when a zero pot skipped the reservation).
    function test_CR2_ANothingCurtailedLotReleasesTheRefundCover() external {
        _issuedAndStarted();
        assertEq(_finalizeExact(), 0, "nothing curtailed");
        assertTrue(escrow.curtailmentOf(iLot).reserved, "a zero pot is reserved too");
        (uint256 total, uint256 reserved) = escrow.bondOf(iLot);
        vm.prank(provider);
        escrow.withdrawBond(iLot, total - reserved);
        assertEq(_bondTotal(iLot), 0, "the whole bond is back with the provider");
    }

    /// @dev CR-3 (medium): the provider declares 100x the capacity it sells, so that the pool's curtailment lands on
    /// hours nobody holds. Refunds are charged on the issued units, sold hours first: the same pot either way.
    function test_CR3_InflatedCapacityDoesNotDiluteRefunds() external {
        uint256 honest = _potWithCapacity(100);
        uint256 inflated = _potWithCapacity(10_000);
        assertEq(honest, 25e6, "20 of the 100 sold hours at 1.25 USDC");
        assertEq(inflated, honest, "unissued capacity absorbs nothing");
    }

    /// @dev 100 units sold of a lot declared with `capacity`, 50 hours curtailed in its window; returns the pot.
    function _potWithCapacity(uint48 capacity) internal returns (uint256 pot) {
        uint256 snapshot = vm.snapshotState();
        vm.prank(provider);
        curtailment.revokeDeclaration(iLot);
        IComputeCapacityToken.LotSpec memory d = _specAt("D", POOL_2, uint40(block.timestamp + 1 days));
        uint256 dLot = _declare(d, SHARE_BPS, RATE, capacity);
        vm.startPrank(provider);
        token.issueLot(d, provider, 100);
        token.safeTransferFrom(provider, alice, dLot, 100, "");
        vm.stopPrank();
        vm.warp(d.startsAt);
        _reportAndSync(0);
        vm.warp(d.startsAt + 10 days);
        _reportAndSync(50);
        vm.warp(d.endsAt);
        _reportAndSync(0);
        pot = curtailment.finalize(dLot);
        vm.revertToState(snapshot);
    }

    /// @dev RC-1 (medium, the re-review of CR-3): after selling 100 units and a curtailment, the provider issues itself
    /// 9 900 more just before the end, so the refund is shared over 10 000 units. Refused: an interruptible lot's supply
    /// is fixed from its window's start, before any hour can be curtailed.
    function test_RC1_RevertWhen_TheProviderIssuesMoreAfterTheWindowStarted() external {
        vm.prank(provider);
        curtailment.revokeDeclaration(iLot);
        IComputeCapacityToken.LotSpec memory d = _specAt("RC-1", POOL_2, uint40(block.timestamp + 1 days));
        uint256 dLot = _declare(d, SHARE_BPS, RATE, 10_000);
        vm.startPrank(provider);
        token.issueLot(d, provider, 100);
        token.safeTransferFrom(provider, alice, dLot, 100, "");
        vm.stopPrank();
        vm.warp(d.startsAt);
        _reportAndSync(0);
        vm.warp(d.startsAt + 10 days);
        _reportAndSync(50);

        vm.warp(d.endsAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_InterruptibleIssueAfterStart.selector, dLot, d.startsAt)
        );
        vm.prank(provider);
        token.issue(dLot, provider, 9900);

        vm.warp(d.endsAt);
        _reportAndSync(0);
        assertEq(curtailment.finalize(dLot), 25e6, "20 of the 100 sold hours at 1.25 USDC");
        assertEq(curtailment.claim(dLot, alice), 25e6, "alice's refund undiluted");
    }

    /// @dev RC-2 (low): a lot of 4 units, 20 % curtailable, all of it curtailed: the share rounded down to whole hours
    /// (⌊4 × 20 %⌋ = 0) paid nothing although its refund cover was bonded. The share is capped in money instead:
    /// 4 × 20 % × 1.25 = 1 USDC.
    function test_RC2_ASmallLotsShareDoesNotRoundToNothing() external {
        vm.prank(provider);
        curtailment.revokeDeclaration(iLot);
        IComputeCapacityToken.LotSpec memory d = _specAt("RC-2", POOL_2, uint40(block.timestamp + 1 days));
        uint256 dLot = _declare(d, SHARE_BPS, RATE, 4);
        vm.startPrank(provider);
        token.issueLot(d, provider, 4);
        token.safeTransferFrom(provider, alice, dLot, 4, "");
        vm.stopPrank();
        vm.warp(d.startsAt);
        _reportAndSync(0);
        vm.warp(d.startsAt + 20 days);
        _reportAndSync(4);
        assertEq(curtailment.interruptibleOf(dLot).attributed, 1, "the share rounded up to an hour");
        vm.warp(d.endsAt);
        _reportAndSync(0);
        uint256 pot = curtailment.finalize(dLot);
        assertEq(pot, 1e6, "4 units x 20 % x 1.25 USDC");
        assertLe(pot, 4 * uint256(CURTAIL_COVER), "within the bonded cover");
        assertEq(curtailment.claim(dLot, alice), 1e6);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComputeCurtailment} from "../../../src/curtailment/ComputeCurtailment.sol";
import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeCurtailment} from "../../../src/interfaces/IComputeCurtailment.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {CurtailmentBase} from "../CurtailmentBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract DeclareInterruptible_Unit_Test is CurtailmentBase {
    /// @dev A spec on `POOL` (which has only the fixture's firm lot) that nobody declared yet.
    function _poolSpec() internal view returns (IComputeCapacityToken.LotSpec memory spec) {
        spec = _spec();
        spec.metadataHash = keccak256("another interruptible lot");
    }

    function _expectRevertDeclare(IComputeCapacityToken.LotSpec memory spec, uint16 bps, uint96 rate, bytes memory err)
        internal
    {
        vm.expectRevert(err);
        vm.prank(provider);
        curtailment.declareInterruptible(spec, bps, rate, CAPACITY);
    }

    function test_RevertWhen_TheCallerIsNotTheSpecsProvider() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotSpecProvider.selector, provider, outsider)
        );
        vm.prank(outsider);
        curtailment.declareInterruptible(_poolSpec(), SHARE_BPS, RATE, CAPACITY);
    }

    function test_RevertWhen_ThePoolIsNotTheCallers() external {
        IComputeCapacityToken.LotSpec memory spec = _poolSpec();
        spec.poolId = keccak256("unregistered pool");
        _expectRevertDeclare(
            spec,
            SHARE_BPS,
            RATE,
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_PoolNotOwned.selector, spec.poolId, address(0))
        );
    }

    function test_RevertWhen_TheEscrowDoesNotRouteLotsToTheModule() external {
        ComputeCurtailment stray = new ComputeCurtailment(token, escrow, oracle);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, address(stray))
        );
        vm.prank(provider);
        stray.declareInterruptible(_poolSpec(), SHARE_BPS, RATE, CAPACITY);

        // An escrow without a module at all.
        ComputeEscrow bare = new ComputeEscrow(admin, 0, token, IERC20(address(usdc)), oracle, GRACE);
        ComputeCurtailment unwired = new ComputeCurtailment(token, bare, oracle);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, address(unwired))
        );
        vm.prank(provider);
        unwired.declareInterruptible(_poolSpec(), SHARE_BPS, RATE, CAPACITY);
    }

    function test_RevertWhen_TheWindowHasStarted() external {
        IComputeCapacityToken.LotSpec memory spec = _poolSpec();
        spec.startsAt = uint40(block.timestamp);
        _expectRevertDeclare(
            spec,
            SHARE_BPS,
            RATE,
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_InvalidWindow.selector, spec.startsAt, spec.endsAt)
        );
    }

    function test_RevertWhen_TheWindowIsEmpty() external {
        IComputeCapacityToken.LotSpec memory spec = _poolSpec();
        spec.endsAt = spec.startsAt;
        _expectRevertDeclare(
            spec,
            SHARE_BPS,
            RATE,
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_InvalidWindow.selector, spec.startsAt, spec.endsAt)
        );
    }

    function test_RevertWhen_TheShareIsZero() external {
        _expectRevertDeclare(
            _poolSpec(), 0, RATE, abi.encodeWithSelector(IComputeCurtailment.Curtailment_InvalidShare.selector, 0)
        );
    }

    function test_RevertWhen_TheShareIsAbove10000Bps() external {
        _expectRevertDeclare(
            _poolSpec(),
            10_001,
            RATE,
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_InvalidShare.selector, 10_001)
        );
    }

    function test_RevertWhen_TheRefundRateIsZero() external {
        _expectRevertDeclare(
            _poolSpec(),
            SHARE_BPS,
            0,
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_InvalidRefundRate.selector, 0, PRICE)
        );
    }

    function test_RevertWhen_TheRefundRateIsAboveTheBondPerUnit() external {
        IComputeCapacityToken.LotSpec memory spec = _poolSpec();
        spec.bondCoverageBps = 5000; // bond per unit 1.25 USDC
        _expectRevertDeclare(
            spec,
            SHARE_BPS,
            RATE + 1,
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_InvalidRefundRate.selector, RATE + 1, PRICE / 2)
        );
        vm.prank(provider);
        curtailment.declareInterruptible(spec, SHARE_BPS, RATE, CAPACITY); // exactly the bond per unit
    }

    function test_RevertWhen_TheCapacityIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_ZeroCapacity.selector));
        vm.prank(provider);
        curtailment.declareInterruptible(_poolSpec(), SHARE_BPS, RATE, 0);
    }

    function test_RevertWhen_TheLotAlreadyExists() external {
        // The fixture's firm lot on POOL, already held by alice.
        IComputeCapacityToken.LotSpec memory firm = _spec();
        assertEq(token.lotIdOf(firm), lotId);
        _expectRevertDeclare(
            firm,
            SHARE_BPS,
            RATE,
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_LotAlreadyIssued.selector, lotId)
        );
    }

    function test_RevertWhen_TheLotIsAlreadyDeclared() external {
        _expectRevertDeclare(
            iSpec,
            SHARE_BPS,
            RATE,
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_AlreadyDeclared.selector, iLot)
        );
    }

    function test_RevertWhen_ThePoolHasALiveInterruptibleLot() external {
        IComputeCapacityToken.LotSpec memory spec = iSpec;
        spec.metadataHash = keccak256("a second interruptible lot on POOL_2");
        _expectRevertDeclare(
            spec,
            SHARE_BPS,
            RATE,
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_PoolHasLiveLot.selector, POOL_2, iLot)
        );
    }

    function test_When_ThePoolHasAReport() external {
        vm.warp(block.timestamp + 1 hours);
        _report(POOL, 1, 10_000, 10, 2);
        uint64 observedAt = uint64(block.timestamp);
        vm.warp(block.timestamp + 1 hours);
        _declare(_poolSpec(), SHARE_BPS, RATE, CAPACITY);
        IComputeCurtailment.Checkpoint memory cp = curtailment.checkpointOf(POOL);
        assertEq(cp.observedAt, observedAt, "at the report");
        assertEq(cp.epoch, 1);
        assertEq(cp.curtailed, 0);
    }

    function test_When_AllChecksPass() external {
        IComputeCapacityToken.LotSpec memory spec = _poolSpec();
        uint256 expectedId = token.lotIdOf(spec);
        vm.expectEmit(address(curtailment));
        emit IComputeCurtailment.InterruptibleDeclared(
            expectedId, provider, POOL, SHARE_BPS, RATE, CAPACITY, spec.startsAt, spec.endsAt
        );
        uint256 id = _declare(spec, SHARE_BPS, RATE, CAPACITY);

        assertEq(id, expectedId, "the lot's id");
        IComputeCurtailment.Interruptible memory t = curtailment.interruptibleOf(id);
        assertEq(t.poolId, POOL);
        assertEq(t.provider, provider);
        assertEq(t.startsAt, spec.startsAt);
        assertEq(t.endsAt, spec.endsAt);
        assertEq(t.maxCurtailBps, SHARE_BPS);
        assertEq(t.refundPerCurtailedHour, RATE);
        assertEq(t.capacityUnits, CAPACITY);
        assertEq(t.attributed, 0, "nothing attributed");
        assertFalse(t.finalized);
        assertEq(curtailment.liveLotOf(POOL), id, "the pool's live lot");
        (uint96 cover, uint48 capacity) = curtailment.coverOf(id);
        assertEq(cover, CURTAIL_COVER, "cover per unit");
        assertEq(capacity, CAPACITY);
        IComputeEscrow.Curtailment memory c = escrow.curtailmentOf(id);
        assertEq(c.curtailCover, CURTAIL_COVER, "recorded in the escrow");
        assertEq(c.capacityUnits, CAPACITY);
        IComputeCurtailment.Checkpoint memory cp = curtailment.checkpointOf(POOL);
        assertEq(cp.observedAt, block.timestamp, "no report: starts now");
    }
}

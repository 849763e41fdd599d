// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `issue` (see issue.tree).
contract Issue_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueLot(100);
    }

    function _expectRevertIssue(address caller, uint256 id, address to, uint256 units, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(caller);
        token.issue(id, to, units);
    }

    function test_RevertWhen_TheLotDoesNotExist() external {
        uint256 unknown = lotId ^ 1;
        _expectRevertIssue(
            provider,
            unknown,
            alice,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, unknown)
        );
    }

    function test_RevertWhen_TheCallerIsAnotherRegisteredProvider() external {
        _expectRevertIssue(
            provider2,
            lotId,
            alice,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotLotProvider.selector, lotId, provider2)
        );
    }

    function test_RevertWhen_TheCallerIsNotAProvider() external {
        _expectRevertIssue(
            outsider,
            lotId,
            alice,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotLotProvider.selector, lotId, outsider)
        );
    }

    function test_RevertWhen_TheProviderWasRemoved() external {
        vm.prank(registrar);
        token.removeProvider(provider);
        _expectRevertIssue(
            provider,
            lotId,
            alice,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, provider)
        );
    }

    function test_RevertWhen_NowEqualsEndsAt() external {
        uint40 endsAt = _endsAt(lotId);
        vm.warp(endsAt);
        _expectRevertIssue(
            provider,
            lotId,
            alice,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt)
        );
    }

    function test_RevertWhen_NowIsAfterEndsAt() external {
        uint40 endsAt = _endsAt(lotId);
        vm.warp(uint256(endsAt) + 365 days);
        _expectRevertIssue(
            provider,
            lotId,
            alice,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt)
        );
    }

    function test_RevertWhen_UnitsIsZero() external {
        _expectRevertIssue(provider, lotId, alice, 0, _err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
    }

    function test_RevertWhen_TheIssuedTotalWouldExceedTypeUint48Max() external {
        uint256 units = MAX_UNITS - 100 + 1;
        _expectRevertIssue(
            provider,
            lotId,
            alice,
            units,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnitsOverflow.selector, units, MAX_UNITS - 100)
        );
    }

    /// @dev `_recordIssue` compares `units` with the lot's headroom (`type(uint48).max - unitsIssued`) before adding
    /// anything, so even the largest `units` reverts with ComputeToken_UnitsOverflow rather than panicking.
    function test_RevertWhen_UnitsIssuedPlusUnitsOverflowsUint256() external {
        uint256 units = type(uint256).max;
        _expectRevertIssue(
            provider,
            lotId,
            alice,
            units,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnitsOverflow.selector, units, MAX_UNITS - 100)
        );
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        _pause();
        _expectRevertIssue(provider, lotId, alice, 1, _err(Pausable.EnforcedPause.selector));
    }

    function test_RevertWhen_TheReceiverIsFrozen() external {
        _freeze(alice);
        _expectRevertIssue(
            provider,
            lotId,
            alice,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, alice)
        );
    }

    function test_RevertWhen_TheReceiverIsNotAllowed() external {
        _expectRevertIssue(
            provider,
            lotId,
            outsider,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider)
        );
    }

    function test_When_AllChecksPass() external {
        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsIssued(lotId, alice, 50);
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC1155.TransferSingle(provider, address(0), alice, lotId, 50);
        vm.prank(provider);
        token.issue(lotId, alice, 50);

        assertEq(token.lot(lotId).unitsIssued, 150);
        assertEq(token.balanceOf(alice, lotId), 50);
        assertEq(token.balanceOf(provider, lotId), 100);
        assertEq(token.totalSupply(lotId), 150);
    }

    function test_When_TheWindowHasNotStartedYet() external {
        assertLt(block.timestamp, token.lot(lotId).startsAt);
        vm.prank(provider);
        token.issue(lotId, bob, 1);
        assertEq(token.balanceOf(bob, lotId), 1);
    }

    function test_When_OneSecondBeforeEndsAt() external {
        vm.warp(uint256(_endsAt(lotId)) - 1);
        vm.prank(provider);
        token.issue(lotId, bob, 1);
        assertEq(token.balanceOf(bob, lotId), 1);
    }

    function test_When_TheIssuedTotalReachesExactlyTypeUint48Max() external {
        uint256 units = MAX_UNITS - 100;
        vm.prank(provider);
        token.issue(lotId, bob, units);
        assertEq(token.lot(lotId).unitsIssued, MAX_UNITS);
        assertEq(token.totalSupply(lotId), MAX_UNITS);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `unlock` (see unlock.tree).
contract Unlock_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
    }

    function test_RevertWhen_TheCallerDoesNotHaveCOLLATERALROLE() external {
        _lock(alice, lotId, 5);
        vm.expectRevert(_unauthorized(recovery, COLLATERAL_ROLE));
        vm.prank(recovery);
        token.unlock(alice, lotId, 1);
    }

    /// @dev ESCROW_ROLE covers `redeemFrom` only: neither an ESCROW_ROLE holder nor the suite's escrow can unlock units.
    function test_RevertWhen_TheCallerHasESCROWROLEOnly() external {
        _lock(alice, lotId, 5);
        address[2] memory escrows = [escrowAgent, address(escrow)];
        for (uint256 i; i < escrows.length; ++i) {
            assertTrue(token.hasRole(ESCROW_ROLE, escrows[i]));
            vm.expectRevert(_unauthorized(escrows[i], COLLATERAL_ROLE));
            vm.prank(escrows[i]);
            token.unlock(alice, lotId, 1);
        }
        assertEq(token.lockedBalanceOf(alice, lotId), 5);
    }

    function test_RevertWhen_UnitsIsZero() external {
        _lock(alice, lotId, 5);
        vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
        vm.prank(collateralAgent);
        token.unlock(alice, lotId, 0);
    }

    function test_RevertWhen_NothingIsLocked() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InsufficientLocked.selector, alice, lotId, 0, 1)
        );
        vm.prank(collateralAgent);
        token.unlock(alice, lotId, 1);
    }

    function test_RevertWhen_LessThanTheUnitsIsLocked() external {
        _lock(alice, lotId, 5);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InsufficientLocked.selector, alice, lotId, 5, 6)
        );
        vm.prank(collateralAgent);
        token.unlock(alice, lotId, 6);
    }

    function test_When_UnitsFitInTheLockedAmount() external {
        _lock(alice, lotId, 5);

        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, 2);
        vm.prank(collateralAgent);
        token.unlock(alice, lotId, 2);

        assertEq(token.lockedBalanceOf(alice, lotId), 3, "units subtracted from the lock");
        assertEq(token.balanceOf(alice, lotId), 10, "balance unchanged");
    }

    function test_When_UnlockingPartOfTheLock() external {
        _lock(alice, lotId, 8);

        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, 3);
        vm.prank(collateralAgent);
        token.unlock(alice, lotId, 3);

        assertEq(token.lockedBalanceOf(alice, lotId), 5);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 5, 6
            )
        );
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 6, "");
    }

    function test_When_UnlockingTheWholeLock() external {
        _lock(alice, lotId, 8);

        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, 8);
        vm.prank(collateralAgent);
        token.unlock(alice, lotId, 8);

        assertEq(token.lockedBalanceOf(alice, lotId), 0);
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 10, "");
        assertEq(token.balanceOf(bob, lotId), 10);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `lock` (see lock.tree).
contract Lock_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
    }

    function _unlockedErr(uint256 id, uint256 unlocked, uint256 needed) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, id, unlocked, needed
        );
    }

    function test_RevertWhen_TheCallerDoesNotHaveCOLLATERALROLE() external {
        vm.expectRevert(_unauthorized(alice, COLLATERAL_ROLE));
        vm.prank(alice);
        token.lock(alice, lotId, 1);
    }

    /// @dev ESCROW_ROLE covers `redeemFrom` only: neither an ESCROW_ROLE holder nor the suite's escrow can lock units.
    function test_RevertWhen_TheCallerHasESCROWROLEOnly() external {
        address[2] memory escrows = [escrowAgent, address(escrow)];
        for (uint256 i; i < escrows.length; ++i) {
            assertTrue(token.hasRole(ESCROW_ROLE, escrows[i]));
            vm.expectRevert(_unauthorized(escrows[i], COLLATERAL_ROLE));
            vm.prank(escrows[i]);
            token.lock(alice, lotId, 1);
        }
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
    }

    function test_RevertWhen_UnitsIsZero() external {
        vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
        vm.prank(collateralAgent);
        token.lock(alice, lotId, 0);
    }

    function test_RevertWhen_TheUnitsExceedTheWholeBalance() external {
        vm.expectRevert(_unlockedErr(lotId, 10, 11));
        vm.prank(collateralAgent);
        token.lock(alice, lotId, 11);
    }

    function test_RevertWhen_TheUnitsExceedTheUnlockedRestOfAPartlyLockedBalance() external {
        _lock(alice, lotId, 6);
        vm.expectRevert(_unlockedErr(lotId, 4, 5));
        vm.prank(collateralAgent);
        token.lock(alice, lotId, 5);
    }

    function test_RevertWhen_TheLotDoesNotExist() external {
        uint256 unknown = lotId ^ 1;
        vm.expectRevert(_unlockedErr(unknown, 0, 1));
        vm.prank(collateralAgent);
        token.lock(alice, unknown, 1);
    }

    function test_When_UnitsFitInTheUnlockedBalance() external {
        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsLocked(alice, lotId, 6);
        vm.prank(collateralAgent);
        token.lock(alice, lotId, 6);

        assertEq(token.lockedBalanceOf(alice, lotId), 6);
        assertEq(token.balanceOf(alice, lotId), 10);

        // it should stop the holder from transferring the locked units
        vm.expectRevert(_unlockedErr(lotId, 4, 5));
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 5, "");
        // it should stop a forced transfer of the locked units
        vm.expectRevert(_unlockedErr(lotId, 4, 5));
        vm.prank(recovery);
        token.forcedTransfer(alice, bob, lotId, 5);
        // it should stop redeemFrom of the locked units
        vm.expectRevert(_unlockedErr(lotId, 4, 5));
        vm.prank(escrowAgent);
        token.redeemFrom(alice, lotId, 5);
        // it should let the holder transfer the unlocked rest
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 4, "");
        assertEq(token.balanceOf(alice, lotId), 6);
        assertEq(token.lockedBalanceOf(alice, lotId), 6);
    }

    function test_When_UnitsLockTheWholeBalance() external {
        _lock(alice, lotId, 4);
        _lock(alice, lotId, 6);
        assertEq(token.lockedBalanceOf(alice, lotId), 10);
        vm.expectRevert(_unlockedErr(lotId, 0, 1));
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 1, "");
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        _pause();
        vm.expectRevert(_err(Pausable.EnforcedPause.selector));
        vm.prank(collateralAgent);
        token.lock(alice, lotId, 1);
    }

    /// @dev S-2: a frozen holder cannot pledge (a default would move its units to the lender).
    function test_RevertWhen_TheAccountIsFrozen() external {
        _freeze(alice);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice));
        vm.prank(collateralAgent);
        token.lock(alice, lotId, 1);
    }

    /// @dev S-2: a holder removed from the allowlist cannot pledge either.
    function test_RevertWhen_TheAccountIsNotAllowlisted() external {
        _disallow(alice);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderNotAllowed.selector, alice));
        vm.prank(collateralAgent);
        token.lock(alice, lotId, 1);
    }

    function test_When_TheLotExpired() external {
        vm.warp(_endsAt(lotId));
        _lock(alice, lotId, 10);
        assertEq(token.lockedBalanceOf(alice, lotId), 10);
    }
}

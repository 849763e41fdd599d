// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {TokenTestBase} from "./utils/TokenTestBase.sol";

/// @notice Branching-tree tests of `unlock` (see unlock.tree).
contract ComputeTokenUnlockTest is TokenTestBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
    }

    function test_RevertWhen_CallerNotEscrow() external {
        _lock(alice, lotId, 5);
        vm.expectRevert(_unauthorized(recovery, ESCROW_ROLE));
        vm.prank(recovery);
        token.unlock(alice, lotId, 1);
    }

    function test_RevertWhen_UnitsZero() external {
        _lock(alice, lotId, 5);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InvalidAmount.selector, 0));
        vm.prank(escrowAgent);
        token.unlock(alice, lotId, 0);
    }

    function test_RevertWhen_NothingLocked() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InsufficientLocked.selector, alice, lotId, 0, 1)
        );
        vm.prank(escrowAgent);
        token.unlock(alice, lotId, 1);
    }

    function test_RevertWhen_LessLocked() external {
        _lock(alice, lotId, 5);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InsufficientLocked.selector, alice, lotId, 5, 6)
        );
        vm.prank(escrowAgent);
        token.unlock(alice, lotId, 6);
    }

    function test_WhenUnlockingPart() external {
        _lock(alice, lotId, 8);

        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, 3);
        vm.prank(escrowAgent);
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

    function test_WhenUnlockingWhole() external {
        _lock(alice, lotId, 8);

        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, 8);
        vm.prank(escrowAgent);
        token.unlock(alice, lotId, 8);

        assertEq(token.lockedBalanceOf(alice, lotId), 0);
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 10, "");
        assertEq(token.balanceOf(bob, lotId), 10);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";
import {ReentrantReceiver} from "../utils/ReentrantReceiver.sol";

/// @notice Branching-tree tests of `seize` (see seize.tree).
contract Seize_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
        _lock(alice, lotId, 6);
    }

    function _expectRevertSeize(address to, uint256 units, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(collateralAgent);
        token.seize(alice, to, lotId, units);
    }

    function _seize(address to, uint256 units) internal {
        vm.prank(collateralAgent);
        token.seize(alice, to, lotId, units);
    }

    function test_RevertWhen_TheCallerDoesNotHaveCOLLATERALROLE() external {
        vm.expectRevert(_unauthorized(lender, COLLATERAL_ROLE));
        vm.prank(lender);
        token.seize(alice, lender, lotId, 6);
    }

    /// @dev ESCROW_ROLE covers `redeemFrom` only: neither an ESCROW_ROLE holder nor the suite's escrow can seize units.
    function test_RevertWhen_TheCallerHasESCROWROLEOnly() external {
        address[2] memory escrows = [escrowAgent, address(escrow)];
        for (uint256 i; i < escrows.length; ++i) {
            assertTrue(token.hasRole(ESCROW_ROLE, escrows[i]));
            vm.expectRevert(_unauthorized(escrows[i], COLLATERAL_ROLE));
            vm.prank(escrows[i]);
            token.seize(alice, lender, lotId, 1);
        }
        assertEq(token.lockedBalanceOf(alice, lotId), 6);
    }

    function test_RevertWhen_UnitsIsZero() external {
        _expectRevertSeize(lender, 0, _err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
    }

    function test_RevertWhen_UnitsExceedTheLockedAmount() external {
        _expectRevertSeize(
            lender,
            7,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InsufficientLocked.selector, alice, lotId, 6, 7)
        );
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        _pause();
        _expectRevertSeize(lender, 6, _err(Pausable.EnforcedPause.selector));
    }

    function test_RevertWhen_TheReceiverIsTheZeroAddress() external {
        _expectRevertSeize(
            address(0), 6, abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, address(0))
        );
    }

    function test_RevertWhen_TheReceiverIsFrozen() external {
        _freeze(lender);
        _expectRevertSeize(
            lender, 6, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, lender)
        );
    }

    function test_RevertWhen_TheReceiverIsNotAllowed() external {
        _expectRevertSeize(
            outsider,
            6,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider)
        );
    }

    function test_When_AllChecksPass() external {
        vm.expectEmit(true, true, true, true, address(token));
        emit IComputeCapacityToken.UnitsSeized(alice, lender, lotId, 6);
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC1155.TransferSingle(collateralAgent, alice, lender, lotId, 6);
        _seize(lender, 6);

        assertEq(token.lockedBalanceOf(alice, lotId), 0);
        assertEq(token.balanceOf(alice, lotId), 4);
        assertEq(token.balanceOf(lender, lotId), 6);
        assertEq(token.totalSupply(lotId), 10);
    }

    function test_When_SeizingPartOfTheLock() external {
        _seize(lender, 2);
        assertEq(token.lockedBalanceOf(alice, lotId), 4);
        assertEq(token.balanceOf(alice, lotId), 8);
        assertEq(token.balanceOf(lender, lotId), 2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 4, 5
            )
        );
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 5, "");
    }

    function test_When_TheSenderIsFrozen() external {
        _freeze(alice);
        _seize(lender, 6);
        assertEq(token.balanceOf(lender, lotId), 6);
    }

    function test_When_TheSenderIsNotAllowed() external {
        _disallow(alice);
        _seize(lender, 6);
        assertEq(token.balanceOf(lender, lotId), 6);
    }

    function test_When_TheLotHasExpired() external {
        vm.warp(uint256(_endsAt(lotId)) + 7 days);
        _seize(lender, 6);
        assertEq(token.balanceOf(lender, lotId), 6);
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
    }

    /// @dev Regression (a review finding, fixed): `_mode` (transient) stays `_MODE_SEIZE` while ERC-1155 calls the receiver's acceptance hook, so a
    /// transfer the receiver makes from inside the hook skips the expiry check (and the sender's freeze/allowlist).
    function test_RevertWhen_TheReceiverReEntersFromItsAcceptanceHookAfterExpiry() external {
        ReentrantReceiver receiver = new ReentrantReceiver(token);
        _allow(address(receiver));
        vm.prank(provider);
        token.issue(lotId, address(receiver), 3);
        uint40 endsAt = _endsAt(lotId);
        vm.warp(endsAt);
        receiver.arm(bob, lotId, 3);

        _expectRevertSeize(
            address(receiver),
            6,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt)
        );
    }
}

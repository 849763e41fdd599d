// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";
import {ReentrantReceiver} from "../utils/ReentrantReceiver.sol";

/// @notice Branching-tree tests of `forcedTransfer` (see forcedTransfer.tree).
contract ForcedTransfer_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
    }

    function _expectRevertForced(address from, address to, uint256 units, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(recovery);
        token.forcedTransfer(from, to, lotId, units);
    }

    function _force(address from, address to, uint256 units) internal {
        vm.prank(recovery);
        token.forcedTransfer(from, to, lotId, units);
    }

    function test_RevertWhen_TheCallerDoesNotHaveRECOVERYROLE() external {
        vm.expectRevert(_unauthorized(compliance, RECOVERY_ROLE));
        vm.prank(compliance);
        token.forcedTransfer(alice, bob, lotId, 1);
    }

    function test_RevertWhen_UnitsIsZero() external {
        _expectRevertForced(alice, bob, 0, _err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
    }

    function test_RevertWhen_TheSenderIsTheZeroAddress() external {
        _expectRevertForced(
            address(0), bob, 1, abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidSender.selector, address(0))
        );
    }

    function test_RevertWhen_TheReceiverIsTheZeroAddress() external {
        _expectRevertForced(
            alice, address(0), 1, abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, address(0))
        );
    }

    function test_RevertWhen_TheReceiverIsFrozen() external {
        _freeze(bob);
        _expectRevertForced(
            alice, bob, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, bob)
        );
    }

    function test_RevertWhen_TheReceiverIsNotAllowed() external {
        _expectRevertForced(
            alice,
            outsider,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider)
        );
    }

    function test_RevertWhen_TheLotHasExpired() external {
        uint40 endsAt = _endsAt(lotId);
        vm.warp(endsAt);
        _expectRevertForced(
            alice, bob, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt)
        );
    }

    function test_RevertWhen_UnitsExceedTheSendersUnlockedBalance() external {
        _lock(alice, lotId, 7);
        _expectRevertForced(
            alice,
            bob,
            4,
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 3, 4
            )
        );
    }

    function test_RevertWhen_UnitsExceedTheSendersBalance() external {
        _expectRevertForced(
            alice,
            bob,
            11,
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, alice, 10, 11, lotId)
        );
    }

    function test_When_AllChecksPass() external {
        vm.expectEmit(true, true, true, true, address(token));
        emit IComputeCapacityToken.ForcedTransfer(recovery, alice, bob, lotId, 6);
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC1155.TransferSingle(recovery, alice, bob, lotId, 6);
        _force(alice, bob, 6);

        assertEq(token.balanceOf(alice, lotId), 4);
        assertEq(token.balanceOf(bob, lotId), 6);
        assertEq(token.totalSupply(lotId), 10);
    }

    function test_When_TheTokenIsPaused() external {
        _pause();
        _force(alice, bob, 10);
        assertEq(token.balanceOf(bob, lotId), 10);
    }

    function test_When_TheSenderIsFrozen() external {
        _freeze(alice);
        _force(alice, bob, 10);
        assertEq(token.balanceOf(bob, lotId), 10);
    }

    function test_When_TheSenderIsNotAllowed() external {
        _disallow(alice);
        _force(alice, bob, 10);
        assertEq(token.balanceOf(bob, lotId), 10);
    }

    function test_When_PartOfTheSendersBalanceIsLocked() external {
        _lock(alice, lotId, 7);
        _force(alice, bob, 3);
        assertEq(token.balanceOf(alice, lotId), 7);
        assertEq(token.lockedBalanceOf(alice, lotId), 7);
        assertEq(token.balanceOf(bob, lotId), 3);
    }

    /// @dev Regression (a review finding, fixed): `_mode` (transient) stays `_MODE_FORCED` while ERC-1155 calls the receiver's acceptance hook, so a
    /// transfer the receiver makes from inside the hook also skips the pause (and the sender's freeze/allowlist).
    function test_RevertWhen_TheReceiverReEntersFromItsAcceptanceHookWhilePaused() external {
        ReentrantReceiver receiver = new ReentrantReceiver(token);
        _allow(address(receiver));
        vm.prank(provider);
        token.issue(lotId, address(receiver), 5);
        _pause();
        receiver.arm(bob, lotId, 5);

        vm.expectRevert(_err(Pausable.EnforcedPause.selector));
        _force(alice, address(receiver), 1);
    }
}

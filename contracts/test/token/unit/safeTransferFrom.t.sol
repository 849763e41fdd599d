// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `safeTransferFrom`, the holder-side compliance path (see safeTransferFrom.tree).
contract SafeTransferFrom_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
    }

    function _expectRevertTransfer(address to, uint256 units, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(alice);
        token.safeTransferFrom(alice, to, lotId, units, "");
    }

    function test_RevertWhen_TheCallerIsNeitherTheSenderNorAnApprovedOperator() external {
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, bob, alice));
        vm.prank(bob);
        token.safeTransferFrom(alice, bob, lotId, 1, "");
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        _pause();
        _expectRevertTransfer(bob, 1, _err(Pausable.EnforcedPause.selector));
    }

    function test_RevertWhen_TheSenderIsFrozen() external {
        _freeze(alice);
        _expectRevertTransfer(
            bob, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice)
        );
    }

    function test_RevertWhen_TheSenderIsNotAllowed() external {
        _disallow(alice);
        _expectRevertTransfer(
            bob, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderNotAllowed.selector, alice)
        );
    }

    function test_RevertWhen_TheUnitsAreLocked() external {
        _lock(alice, lotId, 10);
        _expectRevertTransfer(
            bob,
            1,
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 0, 1
            )
        );
    }

    function test_RevertWhen_TheReceiverIsTheZeroAddress() external {
        _expectRevertTransfer(
            address(0), 1, abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, address(0))
        );
    }

    function test_RevertWhen_TheReceiverIsFrozen() external {
        _freeze(bob);
        _expectRevertTransfer(
            bob, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, bob)
        );
    }

    function test_RevertWhen_TheReceiverIsNotAllowed() external {
        _expectRevertTransfer(
            outsider,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider)
        );
    }

    function test_RevertWhen_NowEqualsEndsAt() external {
        uint40 endsAt = _endsAt(lotId);
        vm.warp(endsAt);
        _expectRevertTransfer(
            bob, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt)
        );
    }

    function test_RevertWhen_NowIsAfterEndsAt() external {
        uint40 endsAt = _endsAt(lotId);
        vm.warp(uint256(endsAt) + 1);
        _expectRevertTransfer(
            bob, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt)
        );
    }

    function test_RevertWhen_UnitsExceedTheBalance() external {
        _expectRevertTransfer(
            bob, 11, abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, alice, 10, 11, lotId)
        );
    }

    function test_When_AllChecksPass() external {
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC1155.TransferSingle(alice, alice, bob, lotId, 7);
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 7, "");

        assertEq(token.balanceOf(alice, lotId), 3);
        assertEq(token.balanceOf(bob, lotId), 7);
        assertEq(token.totalSupply(lotId), 10);
    }

    function test_When_TheCallerIsAnApprovedOperator() external {
        vm.prank(alice);
        token.setApprovalForAll(outsider, true);
        // The operator itself need not be allowlisted: only the holders are.
        vm.prank(outsider);
        token.safeTransferFrom(alice, bob, lotId, 2, "");
        assertEq(token.balanceOf(bob, lotId), 2);
    }

    function test_When_OneSecondBeforeEndsAt() external {
        vm.warp(uint256(_endsAt(lotId)) - 1);
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 10, "");
        assertEq(token.balanceOf(bob, lotId), 10);
    }

    function test_When_PartOfTheBalanceIsLocked() external {
        _lock(alice, lotId, 4);
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 6, "");
        assertEq(token.balanceOf(alice, lotId), 4);
        assertEq(token.lockedBalanceOf(alice, lotId), 4);
    }

    function test_When_UnitsIsZero() external {
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 0, "");
        assertEq(token.balanceOf(alice, lotId), 10);
        assertEq(token.balanceOf(bob, lotId), 0);
    }
}

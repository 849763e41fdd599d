// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `redeemFrom` (see redeemFrom.tree).
contract RedeemFrom_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
    }

    function _expectRevertRedeem(uint256 id, uint256 units, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(escrowAgent);
        token.redeemFrom(alice, id, units);
    }

    function _redeem(uint256 units) internal {
        vm.prank(escrowAgent);
        token.redeemFrom(alice, lotId, units);
    }

    function test_RevertWhen_TheCallerDoesNotHaveESCROWROLE() external {
        vm.expectRevert(_unauthorized(provider, ESCROW_ROLE));
        vm.prank(provider);
        token.redeemFrom(alice, lotId, 1);
    }

    /// @dev COLLATERAL_ROLE covers lock, unlock and seize only: neither its holder nor the lending module can burn.
    function test_RevertWhen_TheCallerHasCOLLATERALROLEOnly() external {
        address[2] memory lenders = [collateralAgent, address(lending)];
        for (uint256 i; i < lenders.length; ++i) {
            assertTrue(token.hasRole(COLLATERAL_ROLE, lenders[i]));
            vm.expectRevert(_unauthorized(lenders[i], ESCROW_ROLE));
            vm.prank(lenders[i]);
            token.redeemFrom(alice, lotId, 1);
        }
        assertEq(token.balanceOf(alice, lotId), 10, "nothing burned");
    }

    function test_RevertWhen_UnitsIsZero() external {
        _expectRevertRedeem(lotId, 0, _err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
    }

    function test_RevertWhen_TheLotDoesNotExist() external {
        uint256 unknown = lotId ^ 1;
        _expectRevertRedeem(
            unknown, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, unknown)
        );
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        _pause();
        _expectRevertRedeem(lotId, 1, _err(Pausable.EnforcedPause.selector));
    }

    function test_RevertWhen_TheHolderIsFrozen() external {
        _freeze(alice);
        _expectRevertRedeem(
            lotId, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice)
        );
    }

    function test_RevertWhen_TheHolderIsNotAllowed() external {
        _disallow(alice);
        _expectRevertRedeem(
            lotId, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderNotAllowed.selector, alice)
        );
    }

    function test_RevertWhen_UnitsExceedTheHoldersUnlockedBalance() external {
        _lock(alice, lotId, 8);
        _expectRevertRedeem(
            lotId,
            3,
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 2, 3
            )
        );
    }

    function test_RevertWhen_UnitsExceedTheHoldersBalance() external {
        _expectRevertRedeem(
            lotId, 11, abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, alice, 10, 11, lotId)
        );
    }

    function test_When_AllChecksPass() external {
        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsRedeemed(lotId, alice, 4);
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC1155.TransferSingle(escrowAgent, alice, address(0), lotId, 4);
        _redeem(4);

        assertEq(token.balanceOf(alice, lotId), 6);
        assertEq(token.lot(lotId).unitsBurned, 4);
        assertEq(token.lot(lotId).unitsIssued, 10);
        assertEq(token.totalSupply(lotId), 6);
    }

    function test_When_PartOfTheBalanceIsLocked() external {
        _lock(alice, lotId, 8);
        _redeem(2);
        assertEq(token.balanceOf(alice, lotId), 8);
        assertEq(token.lockedBalanceOf(alice, lotId), 8);
        assertEq(token.totalSupply(lotId), 8);
    }

    function test_When_TheLotHasExpired() external {
        vm.warp(uint256(_endsAt(lotId)) + 30 days);
        _redeem(10);
        assertEq(token.balanceOf(alice, lotId), 0);
        assertEq(token.totalSupply(lotId), 0);
        assertEq(token.lot(lotId).unitsBurned, 10);
    }
}

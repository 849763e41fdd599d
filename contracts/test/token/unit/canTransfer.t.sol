// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of the `canTransfer` preflight, one leaf per TransferStatus (see canTransfer.tree).
contract CanTransfer_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
    }

    function _status(address from, address to, uint256 id, uint256 units)
        internal
        view
        returns (IComputeCapacityToken.TransferStatus)
    {
        return token.canTransfer(from, to, id, units);
    }

    function _assertStatus(IComputeCapacityToken.TransferStatus got, IComputeCapacityToken.TransferStatus want)
        internal
        pure
    {
        assertEq(uint256(got), uint256(want));
    }

    function test_When_TheTokenIsPaused() external {
        _pause();
        _assertStatus(_status(alice, bob, lotId, 1), IComputeCapacityToken.TransferStatus.Paused);
    }

    function test_When_TheLotDoesNotExist() external view {
        _assertStatus(_status(alice, bob, lotId ^ 1, 1), IComputeCapacityToken.TransferStatus.UnknownLot);
    }

    function test_When_TheReceiverIsTheZeroAddress() external view {
        _assertStatus(_status(alice, address(0), lotId, 1), IComputeCapacityToken.TransferStatus.InvalidReceiver);
    }

    function test_When_TheSenderIsFrozen() external {
        _freeze(alice);
        _assertStatus(_status(alice, bob, lotId, 1), IComputeCapacityToken.TransferStatus.SenderFrozen);
    }

    function test_When_TheSenderIsNotAllowed() external view {
        _assertStatus(_status(outsider, bob, lotId, 0), IComputeCapacityToken.TransferStatus.SenderNotAllowed);
    }

    function test_When_TheReceiverIsFrozen() external {
        _freeze(bob);
        _assertStatus(_status(alice, bob, lotId, 1), IComputeCapacityToken.TransferStatus.ReceiverFrozen);
    }

    function test_When_TheReceiverIsNotAllowed() external view {
        _assertStatus(_status(alice, outsider, lotId, 1), IComputeCapacityToken.TransferStatus.ReceiverNotAllowed);
    }

    function test_When_TheLotHasExpired() external {
        vm.warp(_endsAt(lotId));
        _assertStatus(_status(alice, bob, lotId, 1), IComputeCapacityToken.TransferStatus.LotExpired);
    }

    function test_When_TheUnitsExceedTheBalanceMinusTheLockedUnits() external {
        _lock(alice, lotId, 8);
        _assertStatus(_status(alice, bob, lotId, 3), IComputeCapacityToken.TransferStatus.InsufficientUnlockedBalance);
        _assertStatus(_status(alice, bob, lotId, 2), IComputeCapacityToken.TransferStatus.Ok);
    }

    function test_When_UnitsExceedTheWholeBalance() external view {
        _assertStatus(_status(alice, bob, lotId, 11), IComputeCapacityToken.TransferStatus.InsufficientUnlockedBalance);
    }

    function test_When_TheTransferWouldSucceed() external {
        _assertStatus(_status(alice, bob, lotId, 10), IComputeCapacityToken.TransferStatus.Ok);
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 10, "");
        assertEq(token.balanceOf(bob, lotId), 10);
    }
}

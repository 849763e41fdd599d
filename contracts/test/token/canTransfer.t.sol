// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {TokenTestBase} from "./utils/TokenTestBase.sol";

/// @notice Branching-tree tests of the `canTransfer` preflight, one leaf per TransferStatus (see canTransfer.tree).
contract ComputeTokenCanTransferTest is TokenTestBase {
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

    function test_WhenPaused() external {
        _pause();
        _assertStatus(_status(alice, bob, lotId, 1), IComputeCapacityToken.TransferStatus.Paused);
    }

    function test_WhenLotUnknown() external view {
        _assertStatus(_status(alice, bob, lotId ^ 1, 1), IComputeCapacityToken.TransferStatus.UnknownLot);
    }

    function test_WhenReceiverIsZeroAddress() external view {
        _assertStatus(_status(alice, address(0), lotId, 1), IComputeCapacityToken.TransferStatus.InvalidReceiver);
    }

    function test_WhenSenderFrozen() external {
        _freeze(alice);
        _assertStatus(_status(alice, bob, lotId, 1), IComputeCapacityToken.TransferStatus.SenderFrozen);
    }

    function test_WhenSenderNotAllowed() external view {
        _assertStatus(_status(outsider, bob, lotId, 0), IComputeCapacityToken.TransferStatus.SenderNotAllowed);
    }

    function test_WhenReceiverFrozen() external {
        _freeze(bob);
        _assertStatus(_status(alice, bob, lotId, 1), IComputeCapacityToken.TransferStatus.ReceiverFrozen);
    }

    function test_WhenReceiverNotAllowed() external view {
        _assertStatus(_status(alice, outsider, lotId, 1), IComputeCapacityToken.TransferStatus.ReceiverNotAllowed);
    }

    function test_WhenLotExpired() external {
        vm.warp(_endsAt(lotId));
        _assertStatus(_status(alice, bob, lotId, 1), IComputeCapacityToken.TransferStatus.LotExpired);
    }

    function test_WhenUnitsLocked() external {
        _lock(alice, lotId, 8);
        _assertStatus(_status(alice, bob, lotId, 3), IComputeCapacityToken.TransferStatus.InsufficientUnlockedBalance);
        _assertStatus(_status(alice, bob, lotId, 2), IComputeCapacityToken.TransferStatus.Ok);
    }

    function test_WhenUnitsExceedBalance() external view {
        _assertStatus(_status(alice, bob, lotId, 11), IComputeCapacityToken.TransferStatus.InsufficientUnlockedBalance);
    }

    function test_WhenTransferWouldSucceed() external {
        _assertStatus(_status(alice, bob, lotId, 10), IComputeCapacityToken.TransferStatus.Ok);
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 10, "");
        assertEq(token.balanceOf(bob, lotId), 10);
    }
}

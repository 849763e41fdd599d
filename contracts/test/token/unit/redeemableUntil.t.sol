// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `redeemableUntil` (see redeemableUntil.tree): a pause across the end of a lot's
/// window must not take the holders' redemption right away (S-5).
contract RedeemableUntil_Unit_Test is TokenBase {
    uint256 internal lotId;
    uint40 internal endsAt;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
        endsAt = _endsAt(lotId);
    }

    function _unpause() internal {
        vm.prank(pauser);
        token.unpause();
    }

    function test_When_TheTokenWasNeverPaused() external view {
        assertEq(token.redeemableUntil(lotId), endsAt);
    }

    function test_When_TheLastPauseStartedAtOrAfterEndsAt() external {
        vm.warp(endsAt);
        _pause();
        assertEq(token.redeemableUntil(lotId), endsAt);
    }

    function test_When_ThePauseStillLasts() external {
        vm.warp(endsAt - 1 hours);
        _pause();
        vm.warp(endsAt + 3 days);
        assertEq(token.redeemableUntil(lotId), type(uint40).max);
    }

    function test_When_TheUnpauseCamePAUSECUREOrMoreBeforeEndsAt() external {
        vm.warp(endsAt - 5 days);
        _pause();
        vm.warp(endsAt - token.PAUSE_CURE());
        _unpause();
        assertEq(token.redeemableUntil(lotId), endsAt);
    }

    function test_When_ThePauseCoveredEndsAt() external {
        vm.warp(endsAt - 1 hours);
        _pause();
        vm.warp(endsAt + 3 days);
        _unpause();
        assertEq(token.redeemableUntil(lotId), endsAt + 3 days + token.PAUSE_CURE());
    }

    function test_When_ThePauseEndedLessThanPAUSECUREBeforeEndsAt() external {
        vm.warp(endsAt - 2 hours);
        _pause();
        vm.warp(endsAt - 1 hours);
        _unpause();
        assertEq(token.redeemableUntil(lotId), endsAt - 1 hours + token.PAUSE_CURE());
    }
}

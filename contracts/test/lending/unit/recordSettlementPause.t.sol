// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {MockStablecoin} from "../../mocks/MockStablecoin.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `recordSettlementPause` (see recordSettlementPause.tree): the pause is recorded per
/// currency, the fixture's USDC and a EURC double here.
contract RecordSettlementPause_Unit_Test is LendingBase {
    MockStablecoin internal eurc;

    function setUp() public override {
        super.setUp();
        eurc = new MockStablecoin("Euro Coin (test)", "EURC", 6, admin);
    }

    function _expectNotPaused(address currency) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementNotPaused.selector, currency));
        vm.prank(outsider);
        lending.recordSettlementPause(currency);
    }

    function test_RevertWhen_TheCurrencyIsNotPaused() external {
        _expectNotPaused(address(usdc));
        assertEq(lending.settlementPauseSeenAt(address(usdc)), 0);
    }

    function test_RevertWhen_AnotherCurrencyIsPaused() external {
        vm.prank(admin);
        eurc.setPaused(true);
        _expectNotPaused(address(usdc));
        assertEq(lending.settlementPauseSeenAt(address(usdc)), 0);
    }

    /// @dev `paused()` is read with a static call: a contract without it, an account or the zero address never is.
    function test_RevertWhen_TheCurrencyHasNoPausedFunction() external {
        _expectNotPaused(address(oracle));
        _expectNotPaused(makeAddr("an account"));
        _expectNotPaused(address(0));
    }

    function test_When_TheCurrencyIsPaused() external {
        vm.prank(admin);
        eurc.setPaused(true);
        vm.expectEmit(address(lending));
        emit IComputeLending.SettlementPauseRecorded(address(eurc), block.timestamp);
        vm.prank(outsider);
        lending.recordSettlementPause(address(eurc));
        assertEq(lending.settlementPauseSeenAt(address(eurc)), block.timestamp);
        assertEq(lending.settlementPauseSeenAt(address(usdc)), 0, "USDC's record untouched");

        // Each currency keeps its own record.
        skip(5 hours);
        vm.prank(admin);
        usdc.setPaused(true);
        lending.recordSettlementPause(address(usdc));
        assertEq(lending.settlementPauseSeenAt(address(usdc)), block.timestamp);
        assertEq(lending.settlementPauseSeenAt(address(eurc)), block.timestamp - 5 hours, "EURC's record untouched");
    }

    function test_When_CalledAgainLaterInTheSamePause() external {
        vm.prank(admin);
        usdc.setPaused(true);
        lending.recordSettlementPause(address(usdc));
        uint256 first = lending.settlementPauseSeenAt(address(usdc));

        skip(5 hours);
        vm.expectEmit(address(lending));
        emit IComputeLending.SettlementPauseRecorded(address(usdc), block.timestamp);
        vm.prank(outsider);
        lending.recordSettlementPause(address(usdc));

        assertEq(lending.settlementPauseSeenAt(address(usdc)), first + 5 hours, "moved forward");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of the `auctionPriceAt` view (see auctionPriceAt.tree). The default auction falls
/// from 3.00 to 1.00 per unit over 10 hours (36 000 s), so its price at `t` seconds in is 3e6 − 2e6 × t / 36 000,
/// rounded up.
contract AuctionPriceAt_Unit_Test is LendingBase {
    function test_When_ThePledgeHasNoAuction() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint256[3] memory times = [uint256(0), block.timestamp, type(uint256).max];
        for (uint256 i; i < times.length; ++i) {
            assertEq(lending.auctionPriceAt(99, times[i]), 0, "unknown id");
            assertEq(lending.auctionPriceAt(pledgeId, times[i]), 0, "an Active pledge");
        }
    }

    function test_When_TheTimestampIsAtOrBeforeItsStart() external {
        uint256 pledgeId = _auctionedPledge();
        assertEq(lending.auctionPriceAt(pledgeId, block.timestamp), AUCTION_START, "at the start");
        assertEq(lending.auctionPriceAt(pledgeId, block.timestamp - 1), AUCTION_START, "a second before");
        assertEq(lending.auctionPriceAt(pledgeId, 0), AUCTION_START, "at time zero");
    }

    function test_When_TheTimestampIsWithinItsWindow() external {
        uint256 pledgeId = _auctionedPledge();
        uint256 start = block.timestamp;
        assertEq(lending.auctionPriceAt(pledgeId, start + 5 hours), 2e6, "halfway: (3.00 + 1.00) / 2");
        assertEq(lending.auctionPriceAt(pledgeId, start + 1 hours), 2_800_000, "a tenth of the way");
        assertEq(lending.auctionPriceAt(pledgeId, start + 9 hours), 1_200_000, "nine tenths of the way");
        // One second in: 3e6 − 2e6 / 36 000 = 2_999_944.4…, rounded up.
        assertEq(lending.auctionPriceAt(pledgeId, start + 1), 2_999_945, "rounded up");
        // A second before the end: 3e6 − 2e6 × 35 999 / 36 000 = 1_000_055.5…, rounded up.
        assertEq(lending.auctionPriceAt(pledgeId, start + AUCTION_DURATION - 1), 1_000_056, "rounded up");
        // Buying pays the same price as the view.
        vm.warp(start + 1);
        assertEq(_buyAt(bob, pledgeId, 1), 2_999_945);
        assertEq(lending.auctionOf(pledgeId).paidToLender, 2_999_945);
    }

    function test_When_TheTimestampIsAtOrAfterItsEnd() external {
        uint256 pledgeId = _auctionedPledge();
        uint256 end = block.timestamp + AUCTION_DURATION;
        assertEq(lending.auctionPriceAt(pledgeId, end), AUCTION_FLOOR, "at the end");
        assertEq(lending.auctionPriceAt(pledgeId, end + 365 days), AUCTION_FLOOR, "a year later");
        assertEq(lending.auctionPriceAt(pledgeId, type(uint256).max), AUCTION_FLOOR, "at the end of time");
    }

    function test_When_TheStartPriceEqualsTheFloorPrice() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        _startAuction(lender, pledgeId, 2e6, 2e6, AUCTION_DURATION);
        uint256 start = block.timestamp;
        uint256[4] memory times = [start - 1, start + 1, start + AUCTION_DURATION / 2, start + AUCTION_DURATION];
        for (uint256 i; i < times.length; ++i) {
            assertEq(lending.auctionPriceAt(pledgeId, times[i]), 2e6);
        }
    }

    function test_When_TheAuctionIsOver() external {
        uint256 pledgeId = _auctionedPledge();
        uint256 start = block.timestamp;
        vm.warp(start + AUCTION_DURATION);
        lending.settleCollateralAuction(pledgeId);
        assertEq(lending.auctionPriceAt(pledgeId, start), AUCTION_START);
        assertEq(lending.auctionPriceAt(pledgeId, start + 5 hours), 2e6);
        assertEq(lending.auctionPriceAt(pledgeId, block.timestamp), AUCTION_FLOOR);
    }
}

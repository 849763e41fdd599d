// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MockPriceIndex} from "../../mocks/MockPriceIndex.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Fuzz tests of the loan-to-value cap that follows the price index downward (docs/LENDING.md, "The cap
/// follows the price index down"): for any answer of any index, and for any trades through the real market, the cap
/// with the index is at most the cap without it, and `requestPledge` accepts exactly up to `maxPrincipal`.
contract PriceIndexFuzz_Test is LendingBase {
    MockPriceIndex internal index;

    function setUp() public override {
        super.setUp();
        index = new MockPriceIndex();
    }

    function _setLtv(uint256 ltv) internal returns (uint256 effective) {
        effective = bound(ltv, 1, 10_000);
        vm.prank(risk);
        // forge-lint: disable-next-line(unsafe-typecast)
        lending.setLoanToValue(lotId, uint16(effective));
    }

    /// @dev Any answer (any last price, time and average): cap with the index ≤ cap without, equal to
    /// `units × min(ref, average) × LTV` after a trade, the reference-price cap before one; a request at the cap
    /// succeeds and one base unit above it is refused with that cap.
    function testFuzz_CapWithIndex_NeverAboveCapWithout(
        uint256 units,
        uint256 ltv,
        uint256 lastPrice,
        uint40 lastTradeAt,
        uint256 average
    ) external {
        units = bound(units, 1, UNITS);
        uint256 effective = _setLtv(ltv);
        uint256 without = lending.maxPrincipal(lotId, units);
        assertEq(without, units * PRICE * effective / 10_000);

        index.set(lastPrice, lastTradeAt, average);
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(index)));
        uint256 with = lending.maxPrincipal(lotId, units);

        assertLe(with, without, "the index raised the cap");
        uint256 price = lastTradeAt != 0 && average < PRICE ? average : PRICE;
        assertEq(with, units * price * effective / 10_000, "cap at min(ref, average)");

        uint256 mat = block.timestamp + lending.MIN_REPAY_WINDOW();
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_LoanToValueExceeded.selector, with + 1, with));
        vm.prank(alice);
        lending.requestPledge(lotId, units, lender, with + 1, 0, uint40(mat));
        if (with == 0) return;
        uint256 pledgeId = _requestPledge(alice, units, lender, with, 0, uint40(mat));
        assertEq(lending.pledge(pledgeId).principal, with);
    }

    /// @dev Trades through the real market at any two prices, any time apart, then any wait: the cap never exceeds
    /// the reference-price cap and always equals the one computed from the market's own `priceOf`.
    function testFuzz_CapWithMarketIndex_NeverAboveReference(
        uint256 first,
        uint256 second,
        uint256 gap,
        uint256 wait,
        uint256 units
    ) external {
        units = bound(units, 1, 500);
        first = bound(first, 1, uint256(PRICE) * 1000);
        second = bound(second, 1, uint256(PRICE) * 1000);
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(market)));
        uint256 without = units * PRICE * DEFAULT_LTV / 10_000;

        _buy(bob, _createOffer(alice, 1, first, endsAt), 1);
        vm.warp(block.timestamp + bound(gap, 0, 10 days));
        _buy(bob, _createOffer(alice, 1, second, endsAt), 1);
        vm.warp(block.timestamp + bound(wait, 0, 10 days));

        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        (,, uint256 average) = market.priceOf(record.gpuModel, record.region, address(usdc));
        uint256 with = lending.maxPrincipal(lotId, units);
        assertLe(with, without, "the index raised the cap");
        assertEq(with, units * (average < PRICE ? average : PRICE) * DEFAULT_LTV / 10_000);
    }
}

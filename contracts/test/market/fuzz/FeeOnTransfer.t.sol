// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {MarketBase} from "../MarketBase.sol";

/// @notice Sales against a stablecoin that burns a fee on every transfer: the suite's escrow accepts
/// FeeOnTransferToken as a second settlement currency and a lot (`fotLot`, held by alice) settles in it, issued while
/// the fee is off (an issuance must bond in full). The market moves the payment straight into the escrow and measures
/// what arrived (M-8): a fee-reduced payment reverts with Market_PaymentShortfall and nothing is credited or moved —
/// not even when the escrow holds a surplus in that currency or another one that could have covered the fee.
contract MarketFeeOnTransfer_Test is MarketBase {
    FeeOnTransferToken internal fot;
    uint256 internal fotLot;

    function _deploy(uint256 feeBps) internal {
        fot = new FeeOnTransferToken(0);
        address[4] memory who = [provider, alice, bob, lender];
        for (uint256 i; i < who.length; ++i) {
            fot.mint(who[i], 1_000_000e6);
            vm.startPrank(who[i]);
            fot.approve(address(escrow), type(uint256).max);
            fot.approve(address(market), type(uint256).max);
            vm.stopPrank();
        }
        // Something owed in the fee currency: the lot's bond, pulled in full at issue.
        fotLot = _lotInCurrency(address(fot), alice, UNITS);
        fot.setFeeBps(feeBps);
    }

    function _fee(uint256 amount, uint256 feeBps) internal pure returns (uint256) {
        return amount * feeBps / 10_000;
    }

    function _list() internal returns (uint256 offerId) {
        vm.prank(alice);
        offerId = market.createOffer(fotLot, 100, PRICE, endsAt);
    }

    function _buy(uint256 offerId, uint256 units) internal {
        vm.prank(bob);
        market.purchase(offerId, units, PRICE);
    }

    function testFuzz_RevertWhen_PurchaseShortfall(uint256 feeBps, uint256 units) external {
        feeBps = bound(feeBps, 1, 10_000);
        units = bound(units, 1, 100);
        _deploy(feeBps);
        uint256 cost = units * PRICE;
        uint256 bobBefore = fot.balanceOf(bob);
        uint256 escrowBefore = fot.balanceOf(address(escrow));
        uint256 offerId = _list();

        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_PaymentShortfall.selector, cost, cost - _fee(cost, feeBps))
        );
        _buy(offerId, units);

        assertEq(token.balanceOf(bob, fotLot), 0, "no units moved");
        assertEq(escrow.claimable(alice, address(fot)), 0, "nothing credited");
        assertEq(fot.balanceOf(bob), bobBefore, "payment rolled back");
        assertEq(fot.balanceOf(address(escrow)), escrowBefore);
        assertEq(fot.balanceOf(address(market)), 0);
    }

    /// @dev M-8: the escrow's surplus in the lot's currency (a donation, owed to no one) used to cover a fee-reduced
    /// payment, so the seller was credited more than the buyer paid in. The market now measures this payment's
    /// arrival: any shortfall reverts, whatever surplus the escrow holds; the escrow stays solvent and the bond whole.
    function testFuzz_M8_RevertWhen_ShortfallEvenWithASurplus(uint256 feeBps, uint256 units, uint256 donation)
        external
    {
        feeBps = bound(feeBps, 1, 5000);
        units = bound(units, 1, 100);
        donation = bound(donation, 0, 200e6);
        _deploy(feeBps);
        fot.mint(address(escrow), donation);
        uint256 cost = units * PRICE;
        uint256 arrives = cost - _fee(cost, feeBps);
        uint256 offerId = _list();

        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_PaymentShortfall.selector, cost, arrives));
        _buy(offerId, units);

        assertEq(escrow.claimable(alice, address(fot)), 0, "nothing credited");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(fot));
        assertEq(balance - obligations, donation, "the surplus stays owed to no one");
        (uint256 bond,) = escrow.bondOf(fotLot);
        assertEq(bond, UNITS * PRICE, "bond whole");
    }

    /// @dev M-8 through signed orders: filling an ask or a bid in the fee currency measures the arrival the same way,
    /// with a surplus in the escrow that would have covered the fee.
    function test_M8_RevertWhen_OrderFillsPayShortWithASurplus() external {
        _deploy(100); // 1 %
        fot.mint(address(escrow), 1000e6);
        uint256 cost = 10 * uint256(PRICE);
        uint256 arrives = cost - _fee(cost, 100);

        IComputeMarket.Ask memory ask = _ask(alice, 10, PRICE);
        ask.lotId = fotLot;
        ask.currency = address(fot);
        bytes memory askSignature = _signAsk(ALICE_KEY, ask);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_PaymentShortfall.selector, cost, arrives));
        _fillAsk(bob, ask, askSignature, 10);

        IComputeMarket.Bid memory bid = _bid(bob, 10, PRICE);
        bid.currency = address(fot);
        bytes memory bidSignature = _signBid(BOB_KEY, bid);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_PaymentShortfall.selector, cost, arrives));
        _fillBid(alice, bid, bidSignature, fotLot, 10);

        assertEq(escrow.claimable(alice, address(fot)), 0, "nothing credited");
        assertEq(token.balanceOf(bob, fotLot), 0, "no units moved");
    }

    function test_ZeroFeeBehavesLikeAPlainToken() external {
        _deploy(0);
        _buy(_list(), 100);
        assertEq(token.balanceOf(bob, fotLot), 100);
        assertEq(escrow.claimable(alice, address(fot)), 100 * uint256(PRICE));
        assertEq(fot.balanceOf(address(escrow)), UNITS * PRICE + 100 * uint256(PRICE));
        assertEq(fot.balanceOf(address(market)), 0);
    }

    /// @dev A surplus in another currency covers nothing: USDC donated to the escrow (owed to no one) leaves a
    /// fee-reduced payment in the fee currency exactly as short as without it.
    function testFuzz_RevertWhen_ShortfallWithASurplusInAnotherCurrency(uint256 feeBps, uint256 donation) external {
        feeBps = bound(feeBps, 1, 5000);
        donation = bound(donation, 1, 1_000_000e6);
        _deploy(feeBps);
        vm.prank(admin);
        usdc.mint(address(escrow), donation);
        uint256 cost = 100 * uint256(PRICE);
        uint256 offerId = _list();

        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_PaymentShortfall.selector, cost, cost - _fee(cost, feeBps))
        );
        _buy(offerId, 100);
        assertEq(escrow.claimable(alice, address(usdc)), 0, "no USDC credited for a sale in the fee currency");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance - obligations, donation, "the USDC surplus stays owed to no one");
    }
}

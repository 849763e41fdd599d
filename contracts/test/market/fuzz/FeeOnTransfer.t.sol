// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {MarketBase} from "../MarketBase.sol";

/// @notice Sales against a stablecoin that burns a fee on every transfer: the suite's escrow accepts
/// FeeOnTransferToken as a second settlement currency and a lot (`fotLot`, held by alice) settles in it, issued while
/// the fee is off (an issuance must bond in full). The market moves the payment straight into the escrow, which
/// credits only what arrived above its obligations in that currency, so a fee-reduced payment reverts with
/// Escrow_SaleUnfunded and nothing is credited or moved — not even when the escrow holds a USDC surplus.
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
            abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, cost, cost - _fee(cost, feeBps))
        );
        _buy(offerId, units);

        assertEq(token.balanceOf(bob, fotLot), 0, "no units moved");
        assertEq(escrow.claimable(alice, address(fot)), 0, "nothing credited");
        assertEq(fot.balanceOf(bob), bobBefore, "payment rolled back");
        assertEq(fot.balanceOf(address(escrow)), escrowBefore);
        assertEq(fot.balanceOf(address(market)), 0);
    }

    /// @dev The escrow credits what is nobody's: stablecoin sent to it outside the flows (a donation) is surplus, and
    /// a fee-reduced sale succeeds only when that surplus covers the fee; either way the escrow stays solvent and every
    /// bond and earlier credit stays whole.
    function testFuzz_ShortfallCoveredOnlyBySurplus(uint256 feeBps, uint256 units, uint256 donation) external {
        feeBps = bound(feeBps, 1, 5000);
        units = bound(units, 1, 100);
        donation = bound(donation, 0, 200e6);
        _deploy(feeBps);
        fot.mint(address(escrow), donation);
        uint256 cost = units * PRICE;
        uint256 arrives = cost - _fee(cost, feeBps);
        uint256 offerId = _list();

        if (arrives + donation < cost) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, cost, arrives + donation)
            );
        }
        _buy(offerId, units);

        (uint256 balance, uint256 obligations) = escrow.solvency(address(fot));
        assertGe(balance, obligations, "solvent");
        (uint256 bond,) = escrow.bondOf(fotLot);
        assertEq(bond, UNITS * PRICE, "bond whole");
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
            abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, cost, cost - _fee(cost, feeBps))
        );
        _buy(offerId, 100);
        assertEq(escrow.claimable(alice, address(usdc)), 0, "no USDC credited for a sale in the fee currency");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance - obligations, donation, "the USDC surplus stays owed to no one");
    }
}

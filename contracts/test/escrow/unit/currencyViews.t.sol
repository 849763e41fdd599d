// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockStablecoin} from "../../mocks/MockStablecoin.sol";
import {MultiCurrencyBase} from "../MultiCurrencyBase.sol";

/// @notice Branching-tree tests of the escrow's currency views, `currencyOf` and `currencyInfo`, and of `totals` and
/// `solvency` kept per currency (see currencyViews.tree).
contract CurrencyViews_Unit_Test is MultiCurrencyBase {
    function _assertInfo(address currency, bool accepted, uint8 decimals) internal view {
        (bool isAccepted, uint8 recorded) = escrow.currencyInfo(currency);
        assertEq(isAccepted, accepted, "accepted");
        assertEq(recorded, decimals, "decimals");
    }

    function test_When_TheLotWasNeverIssued() external view {
        assertEq(escrow.currencyOf(0), address(0));
        assertEq(escrow.currencyOf(token.lotIdOf(_specIn(address(eurc), EUR_PRICE, "never issued"))), address(0));
    }

    function test_When_TheLotWasIssued() external view {
        assertEq(escrow.currencyOf(lotId), address(usdc), "the fixture's lot");
        assertEq(escrow.currencyOf(eurcLot), address(eurc));
        assertEq(escrow.currencyOf(usd18Lot), address(usd18));
    }

    function test_When_TheLotsCurrencyWasRefusedSince() external {
        vm.prank(admin);
        escrow.setCurrencyAccepted(address(eurc), false);
        assertEq(escrow.currencyOf(eurcLot), address(eurc));
    }

    function test_When_TheCurrencyWasNeverAccepted() external {
        MockStablecoin other = new MockStablecoin("Other (test)", "OTH", 6, admin);
        _assertInfo(address(other), false, 0);
        _assertInfo(makeAddr("no token"), false, 0);
    }

    function test_When_AskingForTheZeroAddress() external view {
        _assertInfo(address(0), false, 0);
    }

    function test_When_TheCurrencyIsAccepted() external view {
        _assertInfo(address(usdc), true, 6);
        _assertInfo(address(eurc), true, 6);
        _assertInfo(address(usd18), true, 18);
    }

    function test_When_TheCurrencyWasRefusedSince() external {
        vm.prank(admin);
        escrow.setCurrencyAccepted(address(usd18), false);
        _assertInfo(address(usd18), false, 18);
    }

    function test_When_NoLotSettlesInTheCurrency() external {
        MockStablecoin other = new MockStablecoin("Other (test)", "OTH", 6, admin);
        vm.prank(admin);
        escrow.setCurrencyAccepted(address(other), true);
        (uint256 credits, uint256 bonds, uint256 reserved) = escrow.totals(address(other));
        assertEq(credits + bonds + reserved, 0, "nothing owed");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(other));
        assertEq(balance + obligations, 0);
    }

    /// @dev A sale credits alice in EURC, a redemption reserves part of the 18-decimal lot's bond, and a pledge credits
    /// alice in USDC: each currency's figures move alone.
    function test_When_LotsSettleInSeveralCurrencies() external {
        vm.prank(alice);
        uint256 offerId = market.createOffer(eurcLot, 40, EUR_PRICE, endsAt);
        _buy(bob, offerId, 40);
        vm.prank(alice);
        escrow.redeem(usd18Lot, 7);
        _activePledge();

        (uint256 credits, uint256 bonds, uint256 reserved) = escrow.totals(address(usdc));
        assertEq(credits, PRINCIPAL, "USDC credits: the pledge's principal");
        assertEq(bonds, UNITS * PRICE, "USDC bonds");
        assertEq(reserved, 0, "USDC reserves");
        (credits, bonds, reserved) = escrow.totals(address(eurc));
        assertEq(credits, 40 * uint256(EUR_PRICE), "EURC credits: the sale");
        assertEq(bonds, UNITS * EUR_PRICE, "EURC bonds");
        assertEq(reserved, 0, "EURC reserves");
        (credits, bonds, reserved) = escrow.totals(address(usd18));
        assertEq(credits, 0, "USD18 credits");
        assertEq(bonds, UNITS * USD18_PRICE, "USD18 bonds");
        assertEq(reserved, 7 * uint256(USD18_PRICE), "USD18 reserves: the redemption");

        (uint256 balance, uint256 obligations) = escrow.solvency(address(eurc));
        assertEq(balance, eurc.balanceOf(address(escrow)));
        assertEq(obligations, 40 * uint256(EUR_PRICE) + UNITS * EUR_PRICE);
        // A surplus in one currency shows in its solvency only.
        vm.prank(admin);
        usd18.mint(address(escrow), 1e18);
        (balance, obligations) = escrow.solvency(address(usd18));
        assertEq(balance - obligations, 1e18, "USD18 surplus");
        _assertExactlySolventOutside18();
    }

    function _assertExactlySolventOutside18() internal view {
        assertEq(_surplus(address(usdc)), 0, "USDC");
        assertEq(_surplus(address(eurc)), 0, "EURC");
    }
}

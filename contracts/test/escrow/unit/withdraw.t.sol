// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {MultiCurrencyBase} from "../MultiCurrencyBase.sol";

/// @dev The fixture settles in USDC, EURC and an 18-decimal coin side by side (MultiCurrencyBase); most branches
/// withdraw alice's USDC credit.
contract Withdraw_Unit_Test is MultiCurrencyBase {
    uint256 internal constant CREDIT = 100 * uint256(PRICE);
    uint256 internal constant EUR_CREDIT = 40 * uint256(EUR_PRICE);

    /// @dev bob buys 100 units from alice on the market: alice is credited CREDIT (in USDC).
    function setUp() public override {
        super.setUp();
        _buy(bob, _defaultOffer(), 100);
    }

    /// @dev bob buys 40 units of alice's EURC lot: alice is credited EUR_CREDIT in EURC.
    function _creditEurc() internal {
        vm.prank(alice);
        uint256 offerId = market.createOffer(eurcLot, 40, EUR_PRICE, endsAt);
        _buy(bob, offerId, 40);
        assertEq(escrow.claimable(alice, address(eurc)), EUR_CREDIT);
    }

    function test_RevertWhen_TheRecipientIsTheZeroAddress() external {
        vm.expectRevert(IComputeEscrow.Escrow_ZeroRecipient.selector);
        vm.prank(alice);
        escrow.withdraw(address(usdc), address(0));
    }

    function test_RevertWhen_TheCallerHasNothingCredited() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NothingToWithdraw.selector, bob, address(usdc)));
        vm.prank(bob);
        escrow.withdraw(address(usdc), bob);
    }

    /// @dev alice holds a USDC credit only: asking for EURC or the 18-decimal coin pays nothing.
    function test_RevertWhen_TheCallerHasACreditInAnotherCurrencyOnly() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NothingToWithdraw.selector, alice, address(eurc)));
        vm.prank(alice);
        escrow.withdraw(address(eurc), alice);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NothingToWithdraw.selector, alice, address(usd18)));
        vm.prank(alice);
        escrow.withdraw(address(usd18), alice);
        assertEq(escrow.claimable(alice, address(usdc)), CREDIT, "the USDC credit untouched");
    }

    function test_RevertWhen_TheStablecoinIsPaused() external {
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectRevert(MockUSDC.MockUSDC_Paused.selector);
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
        assertEq(escrow.claimable(alice, address(usdc)), CREDIT, "credit kept");
    }

    function test_When_TheStablecoinIsUnpaused() external {
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectRevert(MockUSDC.MockUSDC_Paused.selector);
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);

        vm.prank(admin);
        usdc.setPaused(false);
        uint256 before = usdc.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
        assertEq(usdc.balanceOf(alice) - before, CREDIT, "paid after unpause");
        assertEq(escrow.claimable(alice, address(usdc)), 0);
    }

    function test_RevertWhen_TheRecipientIsBlacklistedInTheStablecoin() external {
        vm.prank(admin);
        usdc.setBlacklisted(lender, true);
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, lender));
        vm.prank(alice);
        escrow.withdraw(address(usdc), lender);
        assertEq(escrow.claimable(alice, address(usdc)), CREDIT, "credit kept");
    }

    function test_When_AnotherAccountIsBlacklistedInTheStablecoin() external {
        vm.startPrank(admin);
        usdc.setBlacklisted(bob, true);
        usdc.setBlacklisted(provider, true);
        vm.stopPrank();
        uint256 before = usdc.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
        assertEq(usdc.balanceOf(alice) - before, CREDIT);
    }

    function test_When_TheCallerHasCreditsInSeveralCurrencies() external {
        _creditEurc();
        uint256 usdcHeld = usdc.balanceOf(address(escrow));
        uint256 eurcBefore = eurc.balanceOf(alice);

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.Withdrawn(alice, alice, address(eurc), EUR_CREDIT);
        vm.prank(alice);
        escrow.withdraw(address(eurc), alice);

        assertEq(eurc.balanceOf(alice) - eurcBefore, EUR_CREDIT, "paid in EURC");
        assertEq(escrow.claimable(alice, address(eurc)), 0, "EURC credit zeroed");
        assertEq(escrow.claimable(alice, address(usdc)), CREDIT, "USDC credit kept");
        assertEq(usdc.balanceOf(address(escrow)), usdcHeld, "no USDC moved");
        (uint256 credits,,) = escrow.totals(address(usdc));
        assertEq(credits, CREDIT, "USDC total of credits unchanged");
        (credits,,) = escrow.totals(address(eurc));
        assertEq(credits, 0, "EURC total of credits");
        _assertExactlySolventInEach();
    }

    /// @dev A paused currency blocks its own withdrawals only.
    function test_When_AnotherCurrencyIsPaused() external {
        _creditEurc();
        vm.prank(admin);
        usdc.setPaused(true);
        uint256 before = eurc.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(eurc), alice);
        assertEq(eurc.balanceOf(alice) - before, EUR_CREDIT, "EURC paid while USDC is paused");
        assertEq(escrow.claimable(alice, address(usdc)), CREDIT, "the USDC credit waits");
    }

    function test_When_TheCurrencyIsNoLongerAccepted() external {
        _creditEurc();
        vm.prank(admin);
        escrow.setCurrencyAccepted(address(eurc), false);
        uint256 before = eurc.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(eurc), alice);
        assertEq(eurc.balanceOf(alice) - before, EUR_CREDIT, "paid in the refused currency");
    }

    function test_When_TheRecipientIsAnotherAddress() external {
        uint256 aliceBefore = usdc.balanceOf(alice);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.Withdrawn(alice, outsider, address(usdc), CREDIT);
        vm.prank(alice);
        escrow.withdraw(address(usdc), outsider);
        assertEq(usdc.balanceOf(outsider), CREDIT);
        assertEq(usdc.balanceOf(alice), aliceBefore);
        assertEq(escrow.claimable(alice, address(usdc)), 0);
    }

    function test_When_AllChecksPass() external {
        uint256 before = usdc.balanceOf(alice);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.Withdrawn(alice, alice, address(usdc), CREDIT);
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);

        assertEq(escrow.claimable(alice, address(usdc)), 0, "credit zeroed");
        assertEq(usdc.balanceOf(alice) - before, CREDIT, "paid");
        assertEq(escrowBefore - usdc.balanceOf(address(escrow)), CREDIT);

        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NothingToWithdraw.selector, alice, address(usdc)));
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
    }
}

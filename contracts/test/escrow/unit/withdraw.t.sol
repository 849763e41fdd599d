// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract Withdraw_Unit_Test is EscrowBase {
    uint256 internal constant CREDIT = 100 * uint256(PRICE);

    /// @dev bob buys 100 units from alice on the market: alice is credited CREDIT.
    function setUp() public override {
        super.setUp();
        _buy(bob, _defaultOffer(), 100);
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

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

/// @dev The caller with MARKET_ROLE is a plain account (`seller-market`), so each test decides what arrived in the
/// escrow before the credit; the market contract's own use is covered by the market's purchase tests.
contract CreditSale_Unit_Test is EscrowBase {
    uint256 internal constant AMOUNT = 250e6;
    address internal marketCaller = makeAddr("seller-market");

    function setUp() public override {
        super.setUp();
        bytes32 role = escrow.MARKET_ROLE();
        vm.prank(admin);
        escrow.grantRole(role, marketCaller);
        vm.prank(admin);
        usdc.mint(marketCaller, 1_000_000e6);
    }

    /// @dev The market's part of a sale: `amount` of the buyer's payment lands in the escrow.
    function _pay(uint256 amount) internal {
        vm.prank(marketCaller);
        usdc.transfer(address(escrow), amount);
    }

    function _creditSale(address seller, uint256 amount) internal {
        vm.prank(marketCaller);
        escrow.creditSale(seller, lotId, amount);
    }

    function test_RevertWhen_TheCallerDoesNotHaveMARKETROLE() external {
        bytes32 role = escrow.MARKET_ROLE();
        _pay(AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role));
        vm.prank(bob);
        escrow.creditSale(bob, lotId, AMOUNT);
        assertEq(escrow.claimable(bob, address(usdc)), 0);
    }

    /// @dev The lending module moves principals and repayments in; it cannot have them credited as sales.
    function test_RevertWhen_TheCallerHasLENDINGROLE() external {
        bytes32 role = escrow.MARKET_ROLE();
        _pay(AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(lending), role)
        );
        vm.prank(address(lending));
        escrow.creditSale(alice, lotId, AMOUNT);
        assertEq(escrow.claimable(alice, address(usdc)), 0);
    }

    function test_RevertWhen_NoPaymentArrivedWhileBondsAndCreditsAreOutstanding() external {
        // The lot's bond (UNITS × PRICE) and a funded pledge's principal (credited to alice) sit in the escrow.
        _activePledge();
        (uint256 credits, uint256 bonds,) = escrow.totals(address(usdc));
        assertEq(credits, PRINCIPAL);
        assertEq(bonds, UNITS * PRICE);
        uint256 held = usdc.balanceOf(address(escrow));
        assertEq(held, credits + bonds);

        // A rogue holder of MARKET_ROLE tries to credit itself everything the escrow holds, or any part of it.
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, held, 0));
        _creditSale(marketCaller, held);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 1, 0));
        _creditSale(marketCaller, 1);

        (uint256 creditsAfter, uint256 bondsAfter,) = escrow.totals(address(usdc));
        assertEq(creditsAfter, credits, "credits unchanged");
        assertEq(bondsAfter, bonds, "bonds unchanged");
        assertEq(escrow.claimable(marketCaller, address(usdc)), 0);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "alice's credit intact");
        assertEq(_bondTotal(lotId), UNITS * PRICE, "bond intact");
    }

    function test_RevertWhen_LessThanTheAmountArrived() external {
        _pay(AMOUNT - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, AMOUNT, AMOUNT - 1));
        _creditSale(alice, AMOUNT);
    }

    function test_RevertWhen_ThePaymentWasAlreadyCredited() external {
        _pay(AMOUNT);
        _creditSale(alice, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, AMOUNT, 0));
        _creditSale(bob, AMOUNT);
        assertEq(escrow.claimable(bob, address(usdc)), 0);
    }

    function test_RevertWhen_TheEscrowHoldsLessThanItOwes() external {
        // The escrow lost stablecoin outside its flows (here: written down by the test): it owes more than it holds.
        deal(address(usdc), address(escrow), UNITS * PRICE - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 1, 0));
        _creditSale(alice, 1);
    }

    function test_RevertWhen_TheCreditWouldTakeTheTotalOfCreditsAboveUint128() external {
        uint256 amount = uint256(type(uint128).max) + 1;
        vm.prank(admin);
        usdc.mint(address(escrow), amount);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_CreditsOverflow.selector, amount, type(uint128).max)
        );
        _creditSale(alice, amount);
    }

    function test_When_MoreThanTheAmountArrived() external {
        _pay(AMOUNT + 7);
        _creditSale(alice, AMOUNT);
        assertEq(escrow.claimable(alice, address(usdc)), AMOUNT, "only the amount");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance - obligations, 7, "the rest is owed to no one");

        _creditSale(bob, 7);
        assertEq(escrow.claimable(bob, address(usdc)), 7);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 1, 0));
        _creditSale(bob, 1);
    }

    function test_When_TheSellerAlreadyHasACredit() external {
        _pay(AMOUNT);
        _creditSale(alice, AMOUNT);
        _pay(AMOUNT);
        _creditSale(alice, AMOUNT);
        assertEq(escrow.claimable(alice, address(usdc)), 2 * AMOUNT);
    }

    function test_When_ThePaymentArrivedInFull() external {
        _pay(AMOUNT);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.SaleCredited(marketCaller, alice, address(usdc), AMOUNT);
        _creditSale(alice, AMOUNT);

        assertEq(escrow.claimable(alice, address(usdc)), AMOUNT, "seller credited");
        (uint256 credits, uint256 bonds,) = escrow.totals(address(usdc));
        assertEq(credits, AMOUNT, "total of credits");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(obligations, credits + bonds);
        assertEq(balance, obligations, "exactly solvent");

        uint256 before = usdc.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
        assertEq(usdc.balanceOf(alice) - before, AMOUNT, "withdrawn");
    }
}

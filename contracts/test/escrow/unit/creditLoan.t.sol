// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

/// @notice Branching-tree tests of `creditLoan` (see creditLoan.tree).
/// @dev The caller with LENDING_ROLE is a plain account (`loan-credit`), so each test decides what arrived in the
/// escrow before the credit; the lending module's own use is covered by its fundPledge and repay tests.
contract CreditLoan_Unit_Test is EscrowBase {
    uint256 internal constant AMOUNT = 250e6;
    address internal lendingCaller = makeAddr("loan-credit");

    function setUp() public override {
        super.setUp();
        bytes32 role = escrow.LENDING_ROLE();
        vm.prank(admin);
        escrow.grantRole(role, lendingCaller);
        vm.prank(admin);
        usdc.mint(lendingCaller, 1_000_000e6);
    }

    /// @dev The lending module's part of a pledge flow: `amount` of a principal or repayment lands in the escrow.
    function _pay(uint256 amount) internal {
        vm.prank(lendingCaller);
        usdc.transfer(address(escrow), amount);
    }

    function _creditLoan(address account, uint256 amount) internal {
        vm.prank(lendingCaller);
        escrow.creditLoan(account, lotId, amount);
    }

    function test_RevertWhen_TheCallerDoesNotHaveLENDINGROLE() external {
        bytes32 role = escrow.LENDING_ROLE();
        _pay(AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role));
        vm.prank(bob);
        escrow.creditLoan(bob, lotId, AMOUNT);
        assertEq(escrow.claimable(bob, address(usdc)), 0);
    }

    /// @dev The market (MARKET_ROLE) moves sale payments in; it cannot have them credited as loans.
    function test_RevertWhen_TheCallerHasMARKETROLE() external {
        bytes32 role = escrow.LENDING_ROLE();
        _pay(AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(market), role)
        );
        vm.prank(address(market));
        escrow.creditLoan(alice, lotId, AMOUNT);
        assertEq(escrow.claimable(alice, address(usdc)), 0);
    }

    /// @dev The lending module (LENDING_ROLE) cannot credit sales: each module reaches the escrow through its own door.
    function test_RevertWhen_TheCallerCallsCreditSale() external {
        bytes32 role = escrow.MARKET_ROLE();
        _pay(AMOUNT);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, lendingCaller, role)
        );
        vm.prank(lendingCaller);
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

        // A rogue holder of LENDING_ROLE tries to credit itself everything the escrow holds, or any part of it.
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, held, 0));
        _creditLoan(lendingCaller, held);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, 1, 0));
        _creditLoan(lendingCaller, 1);

        (uint256 creditsAfter, uint256 bondsAfter,) = escrow.totals(address(usdc));
        assertEq(creditsAfter, credits, "credits unchanged");
        assertEq(bondsAfter, bonds, "bonds unchanged");
        assertEq(escrow.claimable(lendingCaller, address(usdc)), 0);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "alice's credit intact");
        assertEq(_bondTotal(lotId), UNITS * PRICE, "bond intact");
    }

    function test_RevertWhen_LessThanTheAmountArrived() external {
        _pay(AMOUNT - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, AMOUNT, AMOUNT - 1));
        _creditLoan(alice, AMOUNT);
    }

    function test_RevertWhen_ThePaymentWasAlreadyCredited() external {
        _pay(AMOUNT);
        _creditLoan(alice, AMOUNT);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, AMOUNT, 0));
        _creditLoan(bob, AMOUNT);
        assertEq(escrow.claimable(bob, address(usdc)), 0);
    }

    function test_RevertWhen_TheEscrowHoldsLessThanItOwes() external {
        // The escrow lost stablecoin outside its flows (here: written down by the test): it owes more than it holds.
        deal(address(usdc), address(escrow), UNITS * PRICE - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, 1, 0));
        _creditLoan(alice, 1);
    }

    function test_RevertWhen_TheCreditWouldTakeTheTotalOfCreditsAboveUint128() external {
        uint256 amount = uint256(type(uint128).max) + 1;
        vm.prank(admin);
        usdc.mint(address(escrow), amount);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_CreditsOverflow.selector, amount, type(uint128).max)
        );
        _creditLoan(alice, amount);
    }

    function test_When_MoreThanTheAmountArrived() external {
        _pay(AMOUNT + 7);
        _creditLoan(alice, AMOUNT);
        assertEq(escrow.claimable(alice, address(usdc)), AMOUNT, "only the amount");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance - obligations, 7, "the rest is owed to no one");

        _creditLoan(bob, 7);
        assertEq(escrow.claimable(bob, address(usdc)), 7);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, 1, 0));
        _creditLoan(bob, 1);
    }

    function test_When_TheAccountAlreadyHasACredit() external {
        _pay(AMOUNT);
        _creditLoan(alice, AMOUNT);
        _pay(AMOUNT);
        _creditLoan(alice, AMOUNT);
        assertEq(escrow.claimable(alice, address(usdc)), 2 * AMOUNT);
    }

    function test_When_ThePaymentArrivedInFull() external {
        _pay(AMOUNT);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanCredited(lendingCaller, alice, address(usdc), AMOUNT);
        _creditLoan(alice, AMOUNT);

        assertEq(escrow.claimable(alice, address(usdc)), AMOUNT, "account credited");
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

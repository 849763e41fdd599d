// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract SetLoanToValue_Unit_Test is EscrowBase {
    function test_RevertWhen_TheCallerDoesNotHaveRISKROLE() external {
        bytes32 role = escrow.RISK_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role));
        vm.prank(bob);
        escrow.setLoanToValue(lotId, 1000);
    }

    function test_RevertWhen_TheLoanToValueExceeds100() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_InvalidLoanToValue.selector, 10_001));
        vm.prank(risk);
        escrow.setLoanToValue(lotId, 10_001);
    }

    /// @dev S-7: zero is a real setting (pledging off), not "use the default"; `resetLoanToValue` restores it.
    function test_When_TheLoanToValueIsZero() external {
        vm.startPrank(risk);
        escrow.setLoanToValue(lotId, 8000);
        escrow.setLoanToValue(lotId, 0);
        vm.stopPrank();
        assertEq(escrow.loanToValue(lotId), 0);
        assertEq(escrow.maxPrincipal(lotId, 10), 0);

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanToValueReset(lotId);
        vm.prank(risk);
        escrow.resetLoanToValue(lotId);
        assertEq(escrow.loanToValue(lotId), DEFAULT_LTV);
        assertEq(escrow.maxPrincipal(lotId, 10), 10 * uint256(PRICE) * DEFAULT_LTV / 10_000);
    }

    function test_When_ResetLoanToValueIsCalled() external {
        vm.prank(risk);
        escrow.setLoanToValue(lotId, 0);
        assertEq(escrow.maxPrincipal(lotId, PLEDGE_UNITS), 0, "pledging off");

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanToValueReset(lotId);
        vm.prank(risk);
        escrow.resetLoanToValue(lotId);

        assertEq(escrow.loanToValue(lotId), DEFAULT_LTV, "back to the default");
        assertEq(escrow.maxPrincipal(lotId, PLEDGE_UNITS), PLEDGE_UNITS * PRICE * DEFAULT_LTV / 10_000);
    }

    function test_When_TheLoanToValueIs100() external {
        vm.prank(risk);
        escrow.setLoanToValue(lotId, 10_000);
        uint256 value = PLEDGE_UNITS * PRICE;
        assertEq(escrow.maxPrincipal(lotId, PLEDGE_UNITS), value);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, value, 0, maturity);
        assertEq(escrow.pledge(pledgeId).principal, value);
    }

    function test_When_TheCallerIsTheAdmin() external {
        vm.prank(admin);
        escrow.setLoanToValue(lotId, 100);
        assertEq(escrow.loanToValue(lotId), 100);
    }

    function test_When_AllChecksPass() external {
        uint256 earlier = _requestPledge(alice, PLEDGE_UNITS, lender, 125e6, 0, maturity); // at the 50 % cap

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanToValueUpdated(lotId, 3000);
        vm.prank(risk);
        escrow.setLoanToValue(lotId, 3000);

        assertEq(escrow.loanToValue(lotId), 3000);
        assertEq(escrow.maxPrincipal(lotId, PLEDGE_UNITS), PLEDGE_UNITS * PRICE * 3000 / 10_000);
        assertEq(escrow.loanToValue(lotId + 1), DEFAULT_LTV, "other lots keep the default");

        // The request made under the old cap can still be funded.
        vm.prank(lender);
        escrow.fundPledge(earlier);
        assertEq(escrow.claimable(alice), 125e6);
    }
}

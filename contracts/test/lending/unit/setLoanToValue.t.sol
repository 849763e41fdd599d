// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `setLoanToValue` and `resetLoanToValue` (see setLoanToValue.tree).
contract SetLoanToValue_Unit_Test is LendingBase {
    function test_RevertWhen_TheCallerDoesNotHaveRISKROLE() external {
        bytes32 role = lending.RISK_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role));
        vm.prank(bob);
        lending.setLoanToValue(lotId, 1000);
    }

    /// @dev The market's and the lending module's RISK_ROLE share a name, not a grant.
    function test_RevertWhen_TheCallerHasTheMarketsRISKROLEOnly() external {
        address marketRisk = makeAddr("market-risk");
        bytes32 marketRole = market.RISK_ROLE();
        vm.prank(admin);
        market.grantRole(marketRole, marketRisk);
        bytes32 role = lending.RISK_ROLE();
        assertEq(role, marketRole, "same role id");
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, marketRisk, role)
        );
        vm.prank(marketRisk);
        lending.setLoanToValue(lotId, 1000);
        assertEq(lending.loanToValue(lotId), DEFAULT_LTV, "unchanged");
    }

    function test_RevertWhen_TheLoanToValueExceeds100() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_InvalidLoanToValue.selector, 10_001));
        vm.prank(risk);
        lending.setLoanToValue(lotId, 10_001);
    }

    /// @dev S-7: zero is a real setting (pledging off), not "use the default"; `resetLoanToValue` restores it.
    function test_When_TheLoanToValueIsZero() external {
        vm.startPrank(risk);
        lending.setLoanToValue(lotId, 8000);
        lending.setLoanToValue(lotId, 0);
        vm.stopPrank();
        assertEq(lending.loanToValue(lotId), 0);
        assertEq(lending.maxPrincipal(lotId, 10), 0);

        vm.expectEmit(address(lending));
        emit IComputeLending.LoanToValueReset(lotId);
        vm.prank(risk);
        lending.resetLoanToValue(lotId);
        assertEq(lending.loanToValue(lotId), DEFAULT_LTV);
        assertEq(lending.maxPrincipal(lotId, 10), 10 * uint256(PRICE) * DEFAULT_LTV / 10_000);
    }

    function test_When_ResetLoanToValueIsCalled() external {
        vm.prank(risk);
        lending.setLoanToValue(lotId, 0);
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), 0, "pledging off");

        vm.expectEmit(address(lending));
        emit IComputeLending.LoanToValueReset(lotId);
        vm.prank(risk);
        lending.resetLoanToValue(lotId);

        assertEq(lending.loanToValue(lotId), DEFAULT_LTV, "back to the default");
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), PLEDGE_UNITS * PRICE * DEFAULT_LTV / 10_000);
    }

    function test_When_TheLoanToValueIs100() external {
        vm.prank(risk);
        lending.setLoanToValue(lotId, 10_000);
        uint256 value = PLEDGE_UNITS * PRICE;
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), value);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, value, 0, maturity);
        assertEq(lending.pledge(pledgeId).principal, value);
    }

    function test_When_TheCallerIsTheAdmin() external {
        vm.prank(admin);
        lending.setLoanToValue(lotId, 100);
        assertEq(lending.loanToValue(lotId), 100);
    }

    function test_When_AllChecksPass() external {
        uint256 earlier = _requestPledge(alice, PLEDGE_UNITS, lender, 125e6, 0, maturity); // at the 50 % cap

        vm.expectEmit(address(lending));
        emit IComputeLending.LoanToValueUpdated(lotId, 3000);
        vm.prank(risk);
        lending.setLoanToValue(lotId, 3000);

        assertEq(lending.loanToValue(lotId), 3000);
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), PLEDGE_UNITS * PRICE * 3000 / 10_000);
        assertEq(lending.loanToValue(lotId + 1), DEFAULT_LTV, "other lots keep the default");

        // The request made under the old cap can still be funded.
        vm.prank(lender);
        lending.fundPledge(earlier);
        assertEq(escrow.claimable(alice, address(usdc)), 125e6);
    }
}

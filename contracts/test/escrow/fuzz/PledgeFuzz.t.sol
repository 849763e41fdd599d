// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

/// @notice Fuzz tests of requestPledge, fundPledge, repay, claimCollateral, cancelPledge and setLoanToValue.
contract PledgeFuzz_Test is EscrowBase {
    function _setLtv(uint256 ltv) internal returns (uint256 effective) {
        ltv = bound(ltv, 0, 10_000);
        vm.prank(risk);
        // forge-lint: disable-next-line(unsafe-typecast)
        escrow.setLoanToValue(lotId, uint16(ltv));
        effective = ltv == 0 ? DEFAULT_LTV : ltv;
    }

    /// @dev Any principal up to units × referencePrice × LTV is accepted, and the units are locked in place.
    function testFuzz_RequestPledge(uint256 units, uint256 ltv, uint256 principal, uint256 fee, uint40 mat) external {
        units = bound(units, 1, UNITS);
        uint256 cap = units * PRICE * _setLtv(ltv) / 10_000;
        assertEq(escrow.maxPrincipal(lotId, units), cap);
        principal = bound(principal, 1, cap);
        fee = bound(fee, 0, type(uint128).max);
        mat = uint40(bound(mat, block.timestamp + 1, endsAt));

        uint256 pledgeId = _requestPledge(alice, units, lender, principal, fee, mat);

        IComputeEscrow.Pledge memory p = escrow.pledge(pledgeId);
        assertEq(p.units, units);
        assertEq(p.principal, principal);
        assertEq(p.fee, fee);
        assertEq(p.maturity, mat);
        assertEq(token.lockedBalanceOf(alice, lotId), units);
        assertEq(token.balanceOf(alice, lotId), UNITS);
    }

    function testFuzz_RevertWhen_PrincipalAboveCap(uint256 units, uint256 ltv, uint256 excess) external {
        units = bound(units, 1, UNITS);
        uint256 cap = units * PRICE * _setLtv(ltv) / 10_000;
        uint256 principal = cap + bound(excess, 1, type(uint128).max - cap);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanToValueExceeded.selector, principal, cap));
        vm.prank(alice);
        escrow.requestPledge(lotId, units, lender, principal, 0, maturity);
    }

    function testFuzz_RevertWhen_MaturityInvalid(uint40 mat, bool tooLate) external {
        mat = tooLate
            ? uint40(bound(mat, uint256(endsAt) + 1, type(uint40).max))
            : uint40(bound(mat, 0, block.timestamp));
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_InvalidTime.selector, mat));
        vm.prank(alice);
        escrow.requestPledge(lotId, PLEDGE_UNITS, lender, PRINCIPAL, FEE, mat);
    }

    /// @dev Pledging more than the unlocked balance always fails in the token, whatever was pledged before.
    function testFuzz_RevertWhen_PledgeExceedsUnlocked(uint256 first, uint256 second) external {
        first = bound(first, 1, UNITS);
        second = bound(second, UNITS - first + 1, type(uint64).max);
        _requestPledge(alice, first, lender, 1, 0, maturity);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector,
                alice,
                lotId,
                UNITS - first,
                second
            )
        );
        vm.prank(alice);
        escrow.requestPledge(lotId, second, lender, 1, 0, maturity);
        assertEq(token.lockedBalanceOf(alice, lotId), first);
    }

    /// @dev Funding works strictly before maturity, credits exactly the principal to the holder.
    function testFuzz_FundPledge(uint256 principal, uint256 warpBy) external {
        principal = bound(principal, 1, escrow.maxPrincipal(lotId, PLEDGE_UNITS));
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), principal, FEE, maturity);
        vm.warp(block.timestamp + bound(warpBy, 0, 20 days));

        if (block.timestamp >= maturity) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_PledgeMatured.selector, pledgeId, maturity));
            vm.prank(bob);
            escrow.fundPledge(pledgeId);
            return;
        }
        uint256 before = usdc.balanceOf(bob);
        vm.prank(bob);
        escrow.fundPledge(pledgeId);
        assertEq(before - usdc.balanceOf(bob), principal);
        assertEq(escrow.claimable(alice), principal);
        assertEq(escrow.pledge(pledgeId).lender, bob);
    }

    /// @dev Exactly one of repay / claimCollateral is possible at any time: repay strictly before maturity,
    /// claim at or after it.
    function testFuzz_RepayOrClaim(uint256 fee, uint256 warpBy) external {
        fee = bound(fee, 0, 1e11);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, fee, maturity);
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
        vm.warp(block.timestamp + bound(warpBy, 0, 60 days));

        if (block.timestamp < maturity) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_PledgeNotMatured.selector, pledgeId, maturity));
            vm.prank(lender);
            escrow.claimCollateral(pledgeId);

            vm.prank(alice);
            escrow.repay(pledgeId);
            assertEq(escrow.claimable(lender), PRINCIPAL + fee);
            assertEq(token.lockedBalanceOf(alice, lotId), 0);
            assertEq(token.balanceOf(alice, lotId), UNITS);
        } else {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_PledgeMatured.selector, pledgeId, maturity));
            vm.prank(alice);
            escrow.repay(pledgeId);

            vm.prank(lender);
            escrow.claimCollateral(pledgeId);
            assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS);
            assertEq(token.balanceOf(alice, lotId), UNITS - PLEDGE_UNITS);
            assertEq(token.lockedBalanceOf(alice, lotId), 0);
        }
    }

    function testFuzz_CancelPledge(uint256 units, uint256 warpBy) external {
        units = bound(units, 1, UNITS);
        uint256 pledgeId = _requestPledge(alice, units, lender, 1, 0, maturity);
        vm.warp(block.timestamp + bound(warpBy, 0, 60 days));
        vm.prank(alice);
        escrow.cancelPledge(pledgeId);
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Cancelled));
    }

    function testFuzz_SetLoanToValue(uint16 ltv, uint256 id) external {
        if (ltv > 10_000) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_InvalidLoanToValue.selector, ltv));
            vm.prank(risk);
            escrow.setLoanToValue(id, ltv);
            return;
        }
        vm.prank(risk);
        escrow.setLoanToValue(id, ltv);
        assertEq(escrow.loanToValue(id), ltv == 0 ? DEFAULT_LTV : ltv);
    }
}

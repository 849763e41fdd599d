// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Fuzz tests of the lending module's requestPledge, fundPledge, repay, claimCollateral, cancelPledge and
/// setLoanToValue; the money moves through the escrow, so the module never holds any.
contract PledgeFuzz_Test is LendingBase {
    /// @dev A lot loan-to-value in [1, 10 000] (0 switches pledging off: testFuzz_SetLoanToValue).
    function _setLtv(uint256 ltv) internal returns (uint256 effective) {
        effective = bound(ltv, 1, 10_000);
        vm.prank(risk);
        // forge-lint: disable-next-line(unsafe-typecast)
        lending.setLoanToValue(lotId, uint16(effective));
    }

    /// @dev Any principal up to units × referencePrice × LTV is accepted with any fee that keeps principal + fee within
    /// 128 bits, and the units are locked in place.
    function testFuzz_RequestPledge(uint256 units, uint256 ltv, uint256 principal, uint256 fee, uint40 mat) external {
        units = bound(units, 1, UNITS);
        uint256 cap = units * PRICE * _setLtv(ltv) / 10_000;
        assertEq(lending.maxPrincipal(lotId, units), cap);
        principal = bound(principal, 1, cap);
        fee = bound(fee, 0, type(uint128).max - principal);
        mat = uint40(bound(mat, block.timestamp + lending.MIN_REPAY_WINDOW(), endsAt - lending.MATURITY_MARGIN()));

        uint256 pledgeId = _requestPledge(alice, units, lender, principal, fee, mat);

        IComputeLending.Pledge memory p = lending.pledge(pledgeId);
        assertEq(p.units, units);
        assertEq(p.principal, principal);
        assertEq(p.fee, fee);
        assertLe(uint256(p.principal) + p.fee, type(uint128).max, "principal + fee fits 128 bits");
        assertEq(p.maturity, mat);
        assertEq(token.lockedBalanceOf(alice, lotId), units);
        assertEq(token.balanceOf(alice, lotId), UNITS);
    }

    function testFuzz_RevertWhen_PrincipalAboveCap(uint256 units, uint256 ltv, uint256 excess) external {
        units = bound(units, 1, UNITS);
        uint256 cap = units * PRICE * _setLtv(ltv) / 10_000;
        uint256 principal = cap + bound(excess, 1, type(uint128).max - cap);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_LoanToValueExceeded.selector, principal, cap));
        vm.prank(alice);
        lending.requestPledge(lotId, units, lender, principal, 0, maturity);
    }

    function testFuzz_RevertWhen_MaturityInvalid(uint40 mat, bool tooLate) external {
        uint256 earliest = block.timestamp + lending.MIN_REPAY_WINDOW();
        uint256 latest = endsAt - lending.MATURITY_MARGIN();
        mat = tooLate ? uint40(bound(mat, latest + 1, type(uint40).max)) : uint40(bound(mat, 0, earliest - 1));
        vm.expectRevert(
            tooLate
                ? abi.encodeWithSelector(IComputeLending.Lending_MaturityTooLate.selector, mat, latest)
                : abi.encodeWithSelector(IComputeLending.Lending_MaturityTooSoon.selector, mat, earliest)
        );
        vm.prank(alice);
        lending.requestPledge(lotId, PLEDGE_UNITS, lender, PRINCIPAL, FEE, mat);
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
        lending.requestPledge(lotId, second, lender, 1, 0, maturity);
        assertEq(token.lockedBalanceOf(alice, lotId), first);
    }

    /// @dev Funding works until MIN_REPAY_WINDOW before maturity (S-3), credits exactly the principal to the holder.
    function testFuzz_FundPledge(uint256 principal, uint256 warpBy) external {
        principal = bound(principal, 1, lending.maxPrincipal(lotId, PLEDGE_UNITS));
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), principal, FEE, maturity);
        vm.warp(block.timestamp + bound(warpBy, 0, 20 days));

        uint256 fundBy = maturity - lending.MIN_REPAY_WINDOW();
        if (block.timestamp > fundBy) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeLending.Lending_PledgeRequestExpired.selector, pledgeId, fundBy)
            );
            vm.prank(bob);
            lending.fundPledge(pledgeId);
            return;
        }
        uint256 before = usdc.balanceOf(bob);
        vm.prank(bob);
        lending.fundPledge(pledgeId);
        assertEq(before - usdc.balanceOf(bob), principal);
        assertEq(escrow.claimable(alice, address(usdc)), principal);
        assertEq(lending.pledge(pledgeId).lender, bob);
        _assertLendingHoldsNothing();
    }

    /// @dev Before maturity only repay is possible; from maturity on, whichever comes first of repay and
    /// claimCollateral closes the pledge (S-4: repayment stays open until the lender claims).
    function testFuzz_RepayOrClaim(uint256 fee, uint256 warpBy) external {
        fee = bound(fee, 0, 1e11);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, fee, maturity);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(block.timestamp + bound(warpBy, 0, 60 days));

        if (block.timestamp < maturity) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeLending.Lending_PledgeNotMatured.selector, pledgeId, maturity)
            );
            vm.prank(lender);
            lending.claimCollateral(pledgeId);

            vm.prank(alice);
            lending.repay(pledgeId);
            assertEq(escrow.claimable(lender, address(usdc)), PRINCIPAL + fee);
            assertEq(token.lockedBalanceOf(alice, lotId), 0);
            assertEq(token.balanceOf(alice, lotId), UNITS);
        } else if (fee % 2 == 0) {
            vm.prank(alice);
            lending.repay(pledgeId);
            assertEq(escrow.claimable(lender, address(usdc)), PRINCIPAL + fee);
            assertEq(token.lockedBalanceOf(alice, lotId), 0);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Repaid
                )
            );
            vm.prank(lender);
            lending.claimCollateral(pledgeId);
        } else {
            vm.prank(lender);
            lending.claimCollateral(pledgeId);
            assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS);
            assertEq(token.balanceOf(alice, lotId), UNITS - PLEDGE_UNITS);
            assertEq(token.lockedBalanceOf(alice, lotId), 0);
        }
        _assertLendingHoldsNothing();
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance, obligations, "exactly solvent");
    }

    function testFuzz_CancelPledge(uint256 units, uint256 warpBy) external {
        units = bound(units, 1, UNITS);
        uint256 pledgeId = _requestPledge(alice, units, lender, 1, 0, maturity);
        vm.warp(block.timestamp + bound(warpBy, 0, 60 days));
        vm.prank(alice);
        lending.cancelPledge(pledgeId);
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Cancelled));
    }

    function testFuzz_SetLoanToValue(uint16 ltv, uint256 id) external {
        if (ltv > 10_000) {
            vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_InvalidLoanToValue.selector, ltv));
            vm.prank(risk);
            lending.setLoanToValue(id, ltv);
            return;
        }
        vm.prank(risk);
        lending.setLoanToValue(id, ltv);
        assertEq(lending.loanToValue(id), ltv, "0 is kept: pledging off (S-7)");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MockPriceIndex} from "../../mocks/MockPriceIndex.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `requestPledge` (see requestPledge.tree).
contract RequestPledge_Unit_Test is LendingBase {
    function _expectRevertRequest(bytes memory err, uint256 units, uint256 principal, uint256 fee, uint40 mat)
        internal
    {
        vm.expectRevert(err);
        vm.prank(alice);
        lending.requestPledge(lotId, units, lender, principal, fee, mat);
    }

    function test_RevertWhen_TheLotDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 5));
        vm.prank(alice);
        lending.requestPledge(5, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity);
    }

    function test_RevertWhen_TheLotsWindowHasEnded() external {
        vm.warp(endsAt);
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_LotExpired.selector, lotId, endsAt),
            PLEDGE_UNITS,
            PRINCIPAL,
            FEE,
            endsAt
        );
    }

    function test_RevertWhen_TheUnitsAreZero() external {
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_ZeroUnits.selector), 0, PRINCIPAL, FEE, maturity
        );
    }

    function test_RevertWhen_TheUnitsExceedUint64() external {
        uint256 units = uint256(type(uint64).max) + 1;
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_UnitsOverflow.selector, units, type(uint64).max),
            units,
            PRINCIPAL,
            FEE,
            maturity
        );
    }

    function test_RevertWhen_ThePrincipalIsZero() external {
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_ZeroPrincipal.selector), PLEDGE_UNITS, 0, FEE, maturity
        );
    }

    function test_RevertWhen_ThePrincipalExceedsUint128() external {
        uint256 principal = uint256(type(uint128).max) + 1;
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_PrincipalOverflow.selector, principal, type(uint128).max),
            PLEDGE_UNITS,
            principal,
            FEE,
            maturity
        );
    }

    /// @dev Principal + fee is what a repayment or a collateral auction owes the lender (`paidToLender` is 128 bits):
    /// the fee may be at most what the principal leaves of uint128, one more is refused with that bound.
    function test_RevertWhen_ThePrincipalPlusFeeExceedsUint128() external {
        uint256 max = uint256(type(uint128).max) - PRINCIPAL;
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_FeeOverflow.selector, max + 1, max),
            PLEDGE_UNITS,
            PRINCIPAL,
            max + 1,
            maturity
        );
        uint256 fee = uint256(type(uint128).max) + 1; // above uint128 on its own too
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_FeeOverflow.selector, fee, max),
            PLEDGE_UNITS,
            PRINCIPAL,
            fee,
            maturity
        );
        assertEq(lending.pledge(1).holder, address(0), "no pledge recorded");
    }

    function test_When_ThePrincipalPlusFeeIsExactlyUint128Max() external {
        uint256 fee = uint256(type(uint128).max) - PRINCIPAL;
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, fee, maturity);
        IComputeLending.Pledge memory p = lending.pledge(pledgeId);
        assertEq(p.fee, fee);
        assertEq(uint256(p.principal) + p.fee, type(uint128).max);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Requested);
    }

    function test_RevertWhen_TheMaturityIsLessThanMINREPAYWINDOWAway() external {
        uint256 earliest = block.timestamp + lending.MIN_REPAY_WINDOW();
        uint40 mat = uint40(earliest - 1);
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_MaturityTooSoon.selector, mat, earliest),
            PLEDGE_UNITS,
            PRINCIPAL,
            FEE,
            mat
        );
    }

    /// @dev S-6: a pledge maturing at `endsAt` would hand the lender expired, worthless units.
    function test_RevertWhen_TheMaturityIsLaterThanMATURITYMARGINBeforeTheLotsEnd() external {
        uint256 latest = endsAt - lending.MATURITY_MARGIN();
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_MaturityTooLate.selector, endsAt, latest),
            PLEDGE_UNITS,
            PRINCIPAL,
            FEE,
            endsAt
        );
    }

    /// @dev S-7: a loan-to-value of 0 switches pledging off for the lot.
    function test_RevertWhen_TheLotsLoanToValueIsSetTo0() external {
        vm.prank(risk);
        lending.setLoanToValue(lotId, 0);
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_PledgingDisabled.selector, lotId),
            PLEDGE_UNITS,
            PRINCIPAL,
            FEE,
            maturity
        );
    }

    /// @dev S-2: a frozen holder's units cannot become a lender's by default.
    function test_RevertWhen_TheHolderIsFrozen() external {
        vm.prank(compliance);
        token.setFrozen(alice, true);
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice),
            PLEDGE_UNITS,
            PRINCIPAL,
            FEE,
            maturity
        );
    }

    /// @dev Expects a request of one base unit above `cap` to revert with `Lending_LoanToValueExceeded`.
    function _expectRevertAboveCap(uint256 cap) internal {
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_LoanToValueExceeded.selector, cap + 1, cap),
            PLEDGE_UNITS,
            cap + 1,
            FEE,
            maturity
        );
    }

    function test_RevertWhen_ThePrincipalExceedsTheLoanToValueCap() external {
        uint256 cap = PLEDGE_UNITS * PRICE * DEFAULT_LTV / 10_000;
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), cap);
        _expectRevertAboveCap(cap);
    }

    function test_RevertWhen_ThePrincipalExceedsTheLotsCap() external {
        vm.prank(risk);
        lending.setLoanToValue(lotId, 2000); // 20 %
        uint256 cap = PLEDGE_UNITS * PRICE * 2000 / 10_000;
        _expectRevertAboveCap(cap);
    }

    function test_When_ThePrincipalIsWithinTheLotsCap() external {
        vm.prank(risk);
        lending.setLoanToValue(lotId, 9000); // 90 %: above the default
        uint256 cap = PLEDGE_UNITS * PRICE * 9000 / 10_000;
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, cap, FEE, maturity);
        assertEq(lending.pledge(pledgeId).principal, cap);
    }

    /*//////////////////////////////////////////////////////////////
                    THE CAP FOLLOWS THE PRICE INDEX DOWN
    //////////////////////////////////////////////////////////////*/

    /// @dev Points the lending module at a fresh test index answering (price, now, average) and returns it.
    function _followIndex(uint256 average) internal returns (MockPriceIndex index) {
        index = new MockPriceIndex();
        index.set(average, uint40(block.timestamp), average);
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(index)));
    }

    function test_When_TheIndexHasNoTradeForTheLotsKey() external {
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(market))); // the real market: nothing traded yet
        uint256 cap = PLEDGE_UNITS * PRICE * DEFAULT_LTV / 10_000;
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), cap, "reference-price cap");
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, cap, FEE, maturity);
        assertEq(lending.pledge(pledgeId).principal, cap);
    }

    function test_RevertWhen_ThePrincipalExceedsTheCapAtTheIndexsAverageBelowTheReferencePrice() external {
        _followIndex(2e6); // 2.00 < 2.50
        uint256 cap = PLEDGE_UNITS * 2e6 * DEFAULT_LTV / 10_000; // 100e6
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), cap);
        _expectRevertAboveCap(cap);
    }

    function test_When_ThePrincipalIsWithinTheCapAtTheIndexsAverage() external {
        _followIndex(2e6);
        uint256 cap = PLEDGE_UNITS * 2e6 * DEFAULT_LTV / 10_000;
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, cap, FEE, maturity);
        assertEq(lending.pledge(pledgeId).principal, cap);
    }

    function test_When_TheIndexsAverageIsAboveTheReferencePrice() external {
        _followIndex(uint256(PRICE) * 1000);
        uint256 cap = PLEDGE_UNITS * PRICE * DEFAULT_LTV / 10_000;
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), cap, "never above the reference-price cap");
        _expectRevertAboveCap(cap);
    }

    function test_When_TheIndexsKeyIsTheLotsGPUModelRegionAndCurrency() external {
        MockPriceIndex index = _followIndex(2e6);
        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        vm.expectCall(
            address(index),
            abi.encodeCall(IComputeMarket.priceOf, (record.gpuModel, record.region, escrow.currencyOf(lotId)))
        );
        _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity);

        // The real market, after a trade of the lot at 2.00: the cap follows its average for that key.
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(market)));
        _buy(bob, _createOffer(alice, 10, 2e6, endsAt), 1);
        (,, uint256 average) = market.priceOf(record.gpuModel, record.region, address(usdc));
        assertEq(average, 2e6, "first trade sets the average");
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), PLEDGE_UNITS * 2e6 * DEFAULT_LTV / 10_000);
    }

    function test_RevertWhen_TheIndexCallReverts() external {
        MockPriceIndex index = _followIndex(2e6);
        index.setMode(MockPriceIndex.Mode.Revert);
        bytes memory err = abi.encodeWithSelector(IComputeLending.Lending_PriceIndexUnavailable.selector, index);
        vm.expectRevert(err);
        lending.maxPrincipal(lotId, PLEDGE_UNITS);
        _expectRevertRequest(err, PLEDGE_UNITS, 1, FEE, maturity);
    }

    function test_RevertWhen_TheIndexAnswersMalformedData() external {
        MockPriceIndex index = _followIndex(2e6);
        bytes memory err = abi.encodeWithSelector(IComputeLending.Lending_PriceIndexUnavailable.selector, index);
        index.setMode(MockPriceIndex.Mode.ShortData);
        vm.expectRevert(err);
        lending.maxPrincipal(lotId, PLEDGE_UNITS);
        _expectRevertRequest(err, PLEDGE_UNITS, 1, FEE, maturity);
        index.setMode(MockPriceIndex.Mode.DirtyTime);
        vm.expectRevert(err);
        lending.maxPrincipal(lotId, PLEDGE_UNITS);
        _expectRevertRequest(err, PLEDGE_UNITS, 1, FEE, maturity);
    }

    function test_RevertWhen_TheLotsLoanToValueIs0AndTheIndexReverts() external {
        MockPriceIndex index = _followIndex(2e6);
        index.setMode(MockPriceIndex.Mode.Revert);
        vm.prank(risk);
        lending.setLoanToValue(lotId, 0);
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), 0, "pledging off");
        _expectRevertRequest(
            abi.encodeWithSelector(IComputeLending.Lending_PledgingDisabled.selector, lotId),
            PLEDGE_UNITS,
            PRINCIPAL,
            FEE,
            maturity
        );
    }

    function test_RevertWhen_TheHolderLacksUnlockedUnits() external {
        _requestPledge(alice, 950, lender, 1e6, 0, maturity);
        _expectRevertRequest(
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 50, PLEDGE_UNITS
            ),
            PLEDGE_UNITS,
            1e6,
            FEE,
            maturity
        );
        // The id of the reverted request was not consumed.
        assertEq(_requestPledge(alice, 50, lender, 1e6, 0, maturity), 2);
        assertEq(lending.pledge(3).holder, address(0));
    }

    /// @dev The units are locked through the token's COLLATERAL_ROLE: without it the whole request reverts.
    function test_RevertWhen_TheLendingModuleLacksTheTokensCOLLATERALROLE() external {
        bytes32 role = token.COLLATERAL_ROLE();
        vm.prank(admin);
        token.revokeRole(role, address(lending));
        _expectRevertRequest(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(lending), role),
            PLEDGE_UNITS,
            PRINCIPAL,
            FEE,
            maturity
        );
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "nothing locked");
        assertEq(lending.pledge(1).holder, address(0), "no pledge recorded");
    }

    function test_When_ThePrincipalEqualsTheCapAndTheMaturitySitsAtEitherBound() external {
        uint256 cap = lending.maxPrincipal(lotId, PLEDGE_UNITS);
        uint40 latest = endsAt - lending.MATURITY_MARGIN();
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, cap, FEE, latest);
        IComputeLending.Pledge memory p = lending.pledge(pledgeId);
        assertEq(p.principal, cap);
        assertEq(p.maturity, latest);
        uint40 earliest = uint40(block.timestamp + lending.MIN_REPAY_WINDOW());
        assertEq(lending.pledge(_requestPledge(alice, 1, lender, 1, 0, earliest)).maturity, earliest);
    }

    function test_When_NoLenderIsDesignated() external {
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
        assertEq(lending.pledge(pledgeId).lender, address(0));
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Requested));
    }

    function test_When_AllChecksPass() external {
        uint256 aliceUsdc = usdc.balanceOf(alice);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));
        vm.expectEmit(address(lending));
        emit IComputeLending.PledgeRequested(1, alice, lotId, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsLocked(alice, lotId, PLEDGE_UNITS);
        uint256 pledgeId = _defaultPledge();

        assertEq(pledgeId, 1);
        IComputeLending.Pledge memory p = lending.pledge(pledgeId);
        assertEq(p.holder, alice);
        assertEq(p.maturity, maturity);
        assertEq(uint8(p.status), uint8(IComputeLending.PledgeStatus.Requested));
        assertEq(p.lender, lender);
        assertEq(p.units, PLEDGE_UNITS);
        assertEq(p.principal, PRINCIPAL);
        assertEq(p.fee, FEE);
        assertEq(p.lotId, lotId);

        assertEq(token.balanceOf(alice, lotId), UNITS, "units stay in the wallet");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "locked");
        assertEq(escrow.claimable(alice, address(usdc)), 0, "no money before funding");
        assertEq(usdc.balanceOf(alice), aliceUsdc, "holder paid nothing");
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "escrow received nothing");
        _assertLendingHoldsNothing();

        // Pledged units cannot be transferred ...
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, UNITS - PLEDGE_UNITS, ""); // the unlocked part moves
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 0, 1
            )
        );
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 1, "");

        // ... nor redeemed.
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 0, 1
            )
        );
        vm.prank(alice);
        escrow.redeem(lotId, 1);
        assertEq(token.balanceOf(alice, lotId), PLEDGE_UNITS);
    }
}

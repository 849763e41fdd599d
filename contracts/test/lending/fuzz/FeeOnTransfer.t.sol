// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Pledges against a stablecoin that burns a fee on every transfer: the suite's escrow accepts
/// FeeOnTransferToken as a second settlement currency and a lot (`fotLot`, held by alice) settles in it, issued while
/// the fee is off (an issuance must bond in full). The module moves a principal or repayment in the lot's currency
/// straight into the escrow and measures what arrived; a short arrival reverts with Lending_PaymentShortfall before the
/// escrow is asked to credit anything, so nothing is credited or moved (not even when the escrow holds a surplus that
/// could cover the fee).
contract LendingFeeOnTransfer_Test is LendingBase {
    FeeOnTransferToken internal fot;
    uint256 internal fotLot;
    /// @dev The lot's bond, in the fee currency: all the escrow holds of it before a pledge.
    uint256 internal fotBond;

    function _deploy(uint256 feeBps) internal {
        fot = new FeeOnTransferToken(0);
        address[4] memory who = [provider, alice, bob, lender];
        for (uint256 i; i < who.length; ++i) {
            fot.mint(who[i], 1_000_000e6);
            vm.startPrank(who[i]);
            fot.approve(address(escrow), type(uint256).max);
            fot.approve(address(lending), type(uint256).max);
            vm.stopPrank();
        }
        fotLot = _lotInCurrency(address(fot), alice, UNITS);
        fotBond = UNITS * PRICE;
        fot.setFeeBps(feeBps);
    }

    function _fee(uint256 amount, uint256 feeBps) internal pure returns (uint256) {
        return amount * feeBps / 10_000;
    }

    function _request(uint256 principal, uint256 pledgeFee) internal returns (uint256 pledgeId) {
        vm.prank(alice);
        pledgeId = lending.requestPledge(fotLot, PLEDGE_UNITS, lender, principal, pledgeFee, maturity);
    }

    /// @dev Nothing was credited in the fee-token escrow, and it holds exactly `held`.
    function _assertNothingCredited(uint256 held) internal view {
        (uint256 credits,,) = escrow.totals(address(fot));
        assertEq(credits, 0, "nothing credited");
        assertEq(fot.balanceOf(address(escrow)), fotBond + held, "escrow balance unchanged");
        assertEq(fot.balanceOf(address(lending)), 0, "lending module holds nothing");
    }

    function testFuzz_RevertWhen_FundShortfall(uint256 feeBps, uint256 principal) external {
        feeBps = bound(feeBps, 1, 10_000);
        principal = bound(principal, 10_000, _cap());
        _deploy(feeBps);
        uint256 pledgeId = _request(principal, FEE);
        uint256 lenderBefore = fot.balanceOf(lender);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_PaymentShortfall.selector, principal, principal - _fee(principal, feeBps)
            )
        );
        vm.prank(lender);
        lending.fundPledge(pledgeId);

        assertEq(escrow.claimable(alice, address(fot)), 0, "holder uncredited");
        assertEq(fot.balanceOf(lender), lenderBefore, "principal rolled back");
        assertEq(uint8(lending.pledge(pledgeId).status), uint8(IComputeLending.PledgeStatus.Requested));
        _assertNothingCredited(0);
    }

    function testFuzz_RevertWhen_RepayShortfall(uint256 feeBps, uint256 pledgeFee) external {
        feeBps = bound(feeBps, 1, 9999);
        pledgeFee = bound(pledgeFee, 10_000, 1e11);
        _deploy(feeBps);
        // A principal of 1 base unit loses nothing to the fee (rounds down), so the pledge can be funded.
        uint256 pledgeId = _request(1, pledgeFee);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        assertEq(escrow.claimable(alice, address(fot)), 1);

        uint256 owed = 1 + pledgeFee;
        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_PaymentShortfall.selector, owed, owed - _fee(owed, feeBps))
        );
        vm.prank(alice);
        lending.repay(pledgeId);

        assertEq(token.lockedBalanceOf(alice, fotLot), PLEDGE_UNITS, "still pledged");
        assertEq(escrow.claimable(lender, address(fot)), 0, "lender uncredited");
        assertEq(uint8(lending.pledge(pledgeId).status), uint8(IComputeLending.PledgeStatus.Active));
        assertEq(fot.balanceOf(address(escrow)), fotBond + 1, "the bond and the principal only");
        assertEq(fot.balanceOf(address(lending)), 0, "lending module holds nothing");
    }

    /// @dev Unlike a sale (whose shortfall a surplus in the escrow may cover, market/fuzz/FeeOnTransfer.t.sol), a
    /// pledge payment must arrive in full: the module measures the arrival itself, so stablecoin sent to the escrow
    /// outside the flows never lets a fee-reduced principal through.
    function testFuzz_RevertWhen_ShortfallEvenWithSurplusInTheEscrow(uint256 feeBps, uint256 donation) external {
        feeBps = bound(feeBps, 1, 5000);
        donation = bound(donation, 1, 1_000_000e6);
        _deploy(feeBps);
        fot.mint(address(escrow), donation); // owed to no one
        uint256 pledgeId = _request(PRINCIPAL, FEE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_PaymentShortfall.selector, PRINCIPAL, PRINCIPAL - _fee(PRINCIPAL, feeBps)
            )
        );
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        _assertNothingCredited(donation);
    }

    /// @dev A collateral purchase must arrive in full too: a buyer paying in a fee-on-transfer stablecoin is refused
    /// before anyone is credited or any unit moves.
    function testFuzz_RevertWhen_CollateralPurchaseShortfall(uint256 feeBps, uint256 units) external {
        feeBps = bound(feeBps, 1, 9999);
        units = bound(units, 1, PLEDGE_UNITS);
        _deploy(feeBps);
        // A principal of 1 base unit loses nothing to the fee (rounds down), so the pledge can be funded.
        uint256 pledgeId = _request(1, FEE);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(maturity);
        vm.prank(lender);
        lending.startCollateralAuction(pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        vm.warp(block.timestamp + 1 hours); // nobody buys in the start block (L-1)

        uint256 cost = units * PRICE_AN_HOUR_IN;
        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_PaymentShortfall.selector, cost, cost - _fee(cost, feeBps))
        );
        vm.prank(bob);
        lending.buyCollateral(pledgeId, units, PRICE_AN_HOUR_IN);

        assertEq(escrow.claimable(lender, address(fot)), 0, "lender uncredited");
        assertEq(escrow.claimable(alice, address(fot)), 1, "holder credited only the advance");
        assertEq(fot.balanceOf(address(escrow)), fotBond + 1, "only the bond and the principal");
        assertEq(fot.balanceOf(address(lending)), 0, "lending module holds nothing");
        assertEq(token.balanceOf(bob, fotLot), 0, "no unit moved");
        assertEq(lending.auctionOf(pledgeId).unitsLeft, PLEDGE_UNITS);
        assertEq(uint8(lending.pledge(pledgeId).status), uint8(IComputeLending.PledgeStatus.Auctioning));
    }

    function test_ZeroFeeBehavesLikeAPlainToken() external {
        _deploy(0);
        uint256 pledgeId = _request(PRINCIPAL, FEE);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(escrow.claimable(alice, address(fot)), PRINCIPAL);
        assertEq(escrow.claimable(lender, address(fot)), OWED);
        assertEq(fot.balanceOf(address(escrow)), fotBond + 2 * PRINCIPAL + FEE, "everything arrived");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(fot));
        assertEq(balance, obligations, "exactly solvent");
        assertEq(fot.balanceOf(address(lending)), 0, "lending module holds nothing");
        assertEq(token.lockedBalanceOf(alice, fotLot), 0, "unlocked");
        assertEq(
            escrow.claimable(lender, address(usdc)), 0, "nothing in USDC: the pledge settles in the lot's currency"
        );
    }

    function _cap() internal pure returns (uint256) {
        return PLEDGE_UNITS * PRICE * DEFAULT_LTV / 10_000;
    }
}

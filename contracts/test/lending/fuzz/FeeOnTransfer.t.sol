// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {ComputeLending} from "../../../src/lending/ComputeLending.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Pledges against a stablecoin that burns a fee on every transfer: a second escrow and lending module are
/// deployed on FeeOnTransferToken. The module moves a principal or repayment straight into the escrow and measures
/// what arrived; a short arrival reverts with Lending_PaymentShortfall before the escrow is asked to credit anything,
/// so nothing is credited or moved (not even when the escrow holds a surplus that could cover the fee). The same holds
/// for a collateral auction's purchase.
contract LendingFeeOnTransfer_Test is LendingBase {
    FeeOnTransferToken internal fot;
    ComputeEscrow internal fotEscrow;
    ComputeLending internal fotLending;

    function _deploy(uint256 feeBps) internal {
        fot = new FeeOnTransferToken(feeBps);
        fotEscrow = new ComputeEscrow(admin, 0, token, IERC20(address(fot)), oracle, GRACE);
        fotLending = new ComputeLending(admin, 0, fotEscrow, DEFAULT_LTV);
        bytes32 lendingRole = fotEscrow.LENDING_ROLE();
        bytes32 collateralRole = token.COLLATERAL_ROLE();
        vm.startPrank(admin);
        fotEscrow.grantRole(lendingRole, address(fotLending));
        token.grantRole(collateralRole, address(fotLending));
        vm.stopPrank();
        address[4] memory who = [provider, alice, bob, lender];
        for (uint256 i; i < who.length; ++i) {
            fot.mint(who[i], 1_000_000e6);
            vm.startPrank(who[i]);
            fot.approve(address(fotLending), type(uint256).max);
            vm.stopPrank();
        }
    }

    function _fee(uint256 amount, uint256 feeBps) internal pure returns (uint256) {
        return amount * feeBps / 10_000;
    }

    function _request(uint256 principal, uint256 pledgeFee) internal returns (uint256 pledgeId) {
        vm.prank(alice);
        pledgeId = fotLending.requestPledge(lotId, PLEDGE_UNITS, lender, principal, pledgeFee, maturity);
    }

    /// @dev Nothing was credited in the fee-token escrow, and it holds exactly `held`.
    function _assertNothingCredited(uint256 held) internal view {
        (uint256 credits,,) = fotEscrow.totals(address(fot));
        assertEq(credits, 0, "nothing credited");
        assertEq(fot.balanceOf(address(fotEscrow)), held, "escrow balance unchanged");
        assertEq(fot.balanceOf(address(fotLending)), 0, "lending module holds nothing");
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
        fotLending.fundPledge(pledgeId);

        assertEq(fotEscrow.claimable(alice, address(fot)), 0, "holder uncredited");
        assertEq(fot.balanceOf(lender), lenderBefore, "principal rolled back");
        assertEq(uint8(fotLending.pledge(pledgeId).status), uint8(IComputeLending.PledgeStatus.Requested));
        _assertNothingCredited(0);
    }

    function testFuzz_RevertWhen_RepayShortfall(uint256 feeBps, uint256 pledgeFee) external {
        feeBps = bound(feeBps, 1, 9999);
        pledgeFee = bound(pledgeFee, 10_000, 1e11);
        _deploy(feeBps);
        // A principal of 1 base unit loses nothing to the fee (rounds down), so the pledge can be funded.
        uint256 pledgeId = _request(1, pledgeFee);
        vm.prank(lender);
        fotLending.fundPledge(pledgeId);
        assertEq(fotEscrow.claimable(alice, address(fot)), 1);

        uint256 owed = 1 + pledgeFee;
        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_PaymentShortfall.selector, owed, owed - _fee(owed, feeBps))
        );
        vm.prank(alice);
        fotLending.repay(pledgeId);

        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still pledged");
        assertEq(fotEscrow.claimable(lender, address(fot)), 0, "lender uncredited");
        assertEq(uint8(fotLending.pledge(pledgeId).status), uint8(IComputeLending.PledgeStatus.Active));
        assertEq(fot.balanceOf(address(fotEscrow)), 1, "only the principal");
        assertEq(fot.balanceOf(address(fotLending)), 0, "lending module holds nothing");
    }

    /// @dev Unlike a sale (whose shortfall a surplus in the escrow may cover, market/fuzz/FeeOnTransfer.t.sol), a
    /// pledge payment must arrive in full: the module measures the arrival itself, so stablecoin sent to the escrow
    /// outside the flows never lets a fee-reduced principal through.
    function testFuzz_RevertWhen_ShortfallEvenWithSurplusInTheEscrow(uint256 feeBps, uint256 donation) external {
        feeBps = bound(feeBps, 1, 5000);
        donation = bound(donation, 1, 1_000_000e6);
        _deploy(feeBps);
        fot.mint(address(fotEscrow), donation); // owed to no one
        uint256 pledgeId = _request(PRINCIPAL, FEE);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_PaymentShortfall.selector, PRINCIPAL, PRINCIPAL - _fee(PRINCIPAL, feeBps)
            )
        );
        vm.prank(lender);
        fotLending.fundPledge(pledgeId);
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
        fotLending.fundPledge(pledgeId);
        vm.warp(maturity);
        vm.prank(lender);
        fotLending.startCollateralAuction(pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        vm.warp(block.timestamp + 1 hours); // nobody buys in the start block (L-1)

        uint256 cost = units * PRICE_AN_HOUR_IN;
        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_PaymentShortfall.selector, cost, cost - _fee(cost, feeBps))
        );
        vm.prank(bob);
        fotLending.buyCollateral(pledgeId, units, PRICE_AN_HOUR_IN);

        assertEq(fotEscrow.claimable(lender, address(fot)), 0, "lender uncredited");
        assertEq(fotEscrow.claimable(alice, address(fot)), 1, "holder credited only the advance");
        assertEq(fot.balanceOf(address(fotEscrow)), 1, "only the principal");
        assertEq(fot.balanceOf(address(fotLending)), 0, "lending module holds nothing");
        assertEq(token.balanceOf(bob, lotId), 0, "no unit moved");
        assertEq(fotLending.auctionOf(pledgeId).unitsLeft, PLEDGE_UNITS);
        assertEq(uint8(fotLending.pledge(pledgeId).status), uint8(IComputeLending.PledgeStatus.Auctioning));
    }

    function test_ZeroFeeBehavesLikeAPlainToken() external {
        _deploy(0);
        uint256 pledgeId = _request(PRINCIPAL, FEE);
        vm.prank(lender);
        fotLending.fundPledge(pledgeId);
        vm.prank(alice);
        fotLending.repay(pledgeId);
        assertEq(fotEscrow.claimable(alice, address(fot)), PRINCIPAL);
        assertEq(fotEscrow.claimable(lender, address(fot)), OWED);
        assertEq(fot.balanceOf(address(fotEscrow)), 2 * PRINCIPAL + FEE, "everything arrived");
        (uint256 balance, uint256 obligations) = fotEscrow.solvency(address(fot));
        assertEq(balance, obligations, "exactly solvent");
        assertEq(fot.balanceOf(address(fotLending)), 0, "lending module holds nothing");
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "unlocked");
    }

    function _cap() internal pure returns (uint256) {
        return PLEDGE_UNITS * PRICE * DEFAULT_LTV / 10_000;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {ComputeMarket} from "../../../src/market/ComputeMarket.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {MarketBase} from "../MarketBase.sol";

/// @notice Sales against a stablecoin that burns a fee on every transfer: a second escrow and market are deployed on
/// FeeOnTransferToken. The market moves the payment straight into the escrow, which credits only what arrived above
/// its obligations, so a fee-reduced payment reverts with Escrow_SaleUnfunded and nothing is credited or moved.
contract MarketFeeOnTransfer_Test is MarketBase {
    FeeOnTransferToken internal fot;
    ComputeEscrow internal fotEscrow;
    ComputeMarket internal fotMarket;

    function _deploy(uint256 feeBps) internal {
        fot = new FeeOnTransferToken(feeBps);
        fotEscrow = new ComputeEscrow(admin, 0, token, IERC20(address(fot)), oracle, GRACE);
        fotMarket = new ComputeMarket(admin, 0, fotEscrow, INDEX_WINDOW);
        bytes32 marketRole = fotEscrow.MARKET_ROLE();
        vm.prank(admin);
        fotEscrow.grantRole(marketRole, address(fotMarket));
        address[4] memory who = [provider, alice, bob, lender];
        for (uint256 i; i < who.length; ++i) {
            fot.mint(who[i], 1_000_000e6);
            vm.startPrank(who[i]);
            fot.approve(address(fotEscrow), type(uint256).max);
            fot.approve(address(fotMarket), type(uint256).max);
            token.setApprovalForAll(address(fotMarket), true);
            vm.stopPrank();
        }
        // Something owed in the fee-token escrow: a bond.
        vm.prank(provider);
        fotEscrow.postBond(lotId, 1000e6);
    }

    function _fee(uint256 amount, uint256 feeBps) internal pure returns (uint256) {
        return amount * feeBps / 10_000;
    }

    function _list() internal returns (uint256 offerId) {
        vm.prank(alice);
        offerId = fotMarket.createOffer(lotId, 100, PRICE, endsAt);
    }

    function _buy(uint256 offerId, uint256 units) internal {
        vm.prank(bob);
        fotMarket.purchase(offerId, units, PRICE);
    }

    function testFuzz_RevertWhen_PurchaseShortfall(uint256 feeBps, uint256 units) external {
        feeBps = bound(feeBps, 1, 10_000);
        units = bound(units, 1, 100);
        _deploy(feeBps);
        uint256 cost = units * PRICE;
        uint256 bobBefore = fot.balanceOf(bob);
        uint256 escrowBefore = fot.balanceOf(address(fotEscrow));
        uint256 offerId = _list();

        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, cost, cost - _fee(cost, feeBps))
        );
        _buy(offerId, units);

        assertEq(token.balanceOf(bob, lotId), 0, "no units moved");
        assertEq(fotEscrow.claimable(alice), 0, "nothing credited");
        assertEq(fot.balanceOf(bob), bobBefore, "payment rolled back");
        assertEq(fot.balanceOf(address(fotEscrow)), escrowBefore);
        assertEq(fot.balanceOf(address(fotMarket)), 0);
    }

    /// @dev The escrow credits what is nobody's: stablecoin sent to it outside the flows (a donation) is surplus, and
    /// a fee-reduced sale succeeds only when that surplus covers the fee; either way the escrow stays solvent and every
    /// bond and earlier credit stays whole.
    function testFuzz_ShortfallCoveredOnlyBySurplus(uint256 feeBps, uint256 units, uint256 donation) external {
        feeBps = bound(feeBps, 1, 5000);
        units = bound(units, 1, 100);
        donation = bound(donation, 0, 200e6);
        _deploy(feeBps);
        fot.mint(address(fotEscrow), donation);
        uint256 cost = units * PRICE;
        uint256 arrives = cost - _fee(cost, feeBps);
        uint256 offerId = _list();

        if (arrives + donation < cost) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, cost, arrives + donation)
            );
        }
        _buy(offerId, units);

        (uint256 balance, uint256 obligations) = fotEscrow.solvency();
        assertGe(balance, obligations, "solvent");
        (uint256 bond,) = fotEscrow.bondOf(lotId);
        assertEq(bond, 1000e6 - _fee(1000e6, feeBps), "bond whole");
    }

    function test_ZeroFeeBehavesLikeAPlainToken() external {
        _deploy(0);
        _buy(_list(), 100);
        assertEq(token.balanceOf(bob, lotId), 100);
        assertEq(fotEscrow.claimable(alice), 100 * uint256(PRICE));
        assertEq(fot.balanceOf(address(fotEscrow)), 1000e6 + 100 * uint256(PRICE));
        assertEq(fot.balanceOf(address(fotMarket)), 0);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract WithdrawBond_Unit_Test is EscrowBase {
    uint256 internal constant INITIAL_BOND = UNITS * PRICE;
    uint256 internal constant REDEEMED = 40;

    function test_RevertWhen_TheLotDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 42));
        vm.prank(provider);
        escrow.withdrawBond(42, 1);
    }

    function test_RevertWhen_TheCallerIsNotTheLotsProvider() external {
        vm.warp(endsAt);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NotLotProvider.selector, lotId, bob));
        vm.prank(bob);
        escrow.withdrawBond(lotId, 1);
    }

    function test_RevertWhen_TheLotsWindowHasNotEnded() external {
        vm.warp(endsAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_BondLocked.selector, lotId, endsAt));
        vm.prank(provider);
        escrow.withdrawBond(lotId, 1);
    }

    function test_RevertWhen_TheAmountIsZero() external {
        vm.warp(endsAt);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_ZeroBondAmount.selector));
        vm.prank(provider);
        escrow.withdrawBond(lotId, 0);
    }

    function test_RevertWhen_TheAmountExceedsTheUnreservedBond() external {
        _redeem(alice, REDEEMED);
        uint256 free = INITIAL_BOND - REDEEMED * PRICE;
        vm.warp(endsAt);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_InsufficientBond.selector, lotId, free, free + 1));
        vm.prank(provider);
        escrow.withdrawBond(lotId, free + 1);
    }

    function test_RevertWhen_TheProviderIsBlacklistedInTheStablecoin() external {
        vm.prank(admin);
        usdc.setBlacklisted(provider, true);
        vm.warp(endsAt);
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, provider));
        vm.prank(provider);
        escrow.withdrawBond(lotId, 1e6);
        assertEq(_bondTotal(lotId), INITIAL_BOND);
    }

    function test_When_AllChecksPass() external {
        uint256 redemptionId = _redeem(alice, REDEEMED);
        uint256 free = INITIAL_BOND - REDEEMED * PRICE;
        vm.warp(endsAt);
        uint256 before = usdc.balanceOf(provider);

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.BondWithdrawn(lotId, provider, free);
        vm.prank(provider);
        escrow.withdrawBond(lotId, free);

        assertEq(usdc.balanceOf(provider) - before, free, "provider paid");
        assertEq(_bondTotal(lotId), REDEEMED * PRICE, "reserve stays");
        assertEq(_bondReserved(lotId), REDEEMED * PRICE);

        // The reserve still backs the open redemption's refund.
        vm.warp(endsAt + GRACE + 1);
        escrow.claimRefund(redemptionId);
        assertEq(escrow.claimable(alice, address(usdc)), REDEEMED * PRICE);
        assertEq(_bondTotal(lotId), 0);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract ConfirmDelivery_Unit_Test is EscrowBase {
    uint256 internal constant REDEEMED = 100;
    uint256 internal constant RESERVE = REDEEMED * PRICE;
    uint256 internal redemptionId;

    function setUp() public override {
        super.setUp();
        redemptionId = _redeem(alice, REDEEMED);
    }

    function _expectWrongStatus(uint256 id, IComputeEscrow.RedemptionStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_WrongRedemptionStatus.selector, id, status));
        vm.prank(alice);
        escrow.confirmDelivery(id);
    }

    function test_RevertWhen_TheRedemptionDoesNotExist() external {
        _expectWrongStatus(9, IComputeEscrow.RedemptionStatus.None);
    }

    function test_RevertWhen_TheRedemptionIsAlreadyDelivered() external {
        vm.prank(alice);
        escrow.confirmDelivery(redemptionId);
        _expectWrongStatus(redemptionId, IComputeEscrow.RedemptionStatus.Delivered);
        assertEq(escrow.claimable(provider, address(usdc)), RESERVE, "credited once");
    }

    function test_RevertWhen_TheRedemptionIsRefunded() external {
        vm.warp(endsAt + GRACE + 1);
        escrow.claimRefund(redemptionId);
        _expectWrongStatus(redemptionId, IComputeEscrow.RedemptionStatus.Refunded);
    }

    function test_RevertWhen_TheCallerIsNotTheHolder() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_NotRedemptionHolder.selector, redemptionId, provider)
        );
        vm.prank(provider);
        escrow.confirmDelivery(redemptionId);
    }

    function test_When_TheDeadlineHasPassed() external {
        vm.warp(endsAt + GRACE + 1 days);
        vm.prank(alice);
        escrow.confirmDelivery(redemptionId);
        assertEq(uint8(_redemptionStatus(redemptionId)), uint8(IComputeEscrow.RedemptionStatus.Delivered));
        assertEq(escrow.claimable(provider, address(usdc)), RESERVE);
    }

    function test_When_TheProviderIsBlacklistedInTheStablecoin() external {
        vm.prank(admin);
        usdc.setBlacklisted(provider, true);
        vm.prank(alice);
        escrow.confirmDelivery(redemptionId);
        assertEq(escrow.claimable(provider, address(usdc)), RESERVE);
    }

    function test_When_AllChecksPass() external {
        uint256 escrowBefore = usdc.balanceOf(address(escrow));
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.DeliveryConfirmed(redemptionId, lotId, provider, alice, REDEEMED, RESERVE, false);
        vm.prank(alice);
        escrow.confirmDelivery(redemptionId);

        assertEq(uint8(_redemptionStatus(redemptionId)), uint8(IComputeEscrow.RedemptionStatus.Delivered));
        assertEq(_bondTotal(lotId), UNITS * PRICE - RESERVE, "bond total");
        assertEq(_bondReserved(lotId), 0, "reserve released");
        assertEq(escrow.claimable(provider, address(usdc)), RESERVE, "provider credited");
        assertEq(escrow.claimable(alice, address(usdc)), 0);
        assertEq(usdc.balanceOf(address(escrow)), escrowBefore, "no money moved");
    }
}

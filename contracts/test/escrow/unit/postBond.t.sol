// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract PostBond_Unit_Test is EscrowBase {
    uint256 internal constant INITIAL_BOND = UNITS * PRICE;

    function test_RevertWhen_TheLotDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 42));
        vm.prank(provider);
        escrow.postBond(42, 1e6);
    }

    function test_RevertWhen_TheAmountIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_ZeroBondAmount.selector));
        vm.prank(provider);
        escrow.postBond(lotId, 0);
    }

    function test_RevertWhen_ThePayerCannotPay() external {
        vm.prank(outsider);
        usdc.approve(address(escrow), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, outsider, 0, 1e6));
        vm.prank(outsider);
        escrow.postBond(lotId, 1e6);
    }

    function test_RevertWhen_TheStablecoinIsPaused() external {
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectRevert(MockUSDC.MockUSDC_Paused.selector);
        vm.prank(provider);
        escrow.postBond(lotId, 1e6);
        assertEq(_bondTotal(lotId), INITIAL_BOND);
    }

    function test_RevertWhen_TheEscrowsTotalOfBondsWouldExceedUint128() external {
        uint256 amount = uint256(type(uint128).max) - INITIAL_BOND + 1;
        vm.prank(admin);
        usdc.mint(provider, amount);
        (, uint256 bonds,) = escrow.totals(address(usdc));
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_BondsOverflow.selector, bonds + amount, type(uint128).max)
        );
        vm.prank(provider);
        escrow.postBond(lotId, amount);

        // Exactly up to the limit is fine.
        vm.prank(provider);
        escrow.postBond(lotId, amount - 1);
        assertEq(_bondTotal(lotId), type(uint128).max);
    }

    function test_When_AThirdPartyPosts() external {
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.BondPosted(lotId, bob, 7e6);
        vm.prank(bob);
        escrow.postBond(lotId, 7e6);
        assertEq(_bondTotal(lotId), INITIAL_BOND + 7e6);
    }

    function test_When_AllChecksPass() external {
        uint256 providerBefore = usdc.balanceOf(provider);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.BondPosted(lotId, provider, 50e6);
        vm.prank(provider);
        escrow.postBond(lotId, 50e6);

        assertEq(providerBefore - usdc.balanceOf(provider), 50e6);
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, 50e6);
        assertEq(_bondTotal(lotId), INITIAL_BOND + 50e6);
        assertEq(_bondReserved(lotId), 0);
        assertEq(escrow.claimable(provider, address(usdc)), 0, "a bond is not a credit");
    }
}

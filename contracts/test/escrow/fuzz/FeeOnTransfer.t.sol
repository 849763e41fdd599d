// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {EscrowBase} from "../EscrowBase.sol";

/// @notice Balance-delta accounting against a stablecoin that burns a fee on every transfer: a second escrow is
/// deployed on FeeOnTransferToken. Bonds credit what arrived (a sale's shortfall: market/fuzz/FeeOnTransfer.t.sol; a
/// pledge's: lending/fuzz/FeeOnTransfer.t.sol).
contract FeeOnTransfer_Test is EscrowBase {
    FeeOnTransferToken internal fot;
    ComputeEscrow internal fotEscrow;

    function _deploy(uint256 feeBps) internal {
        fot = new FeeOnTransferToken(feeBps);
        fotEscrow = new ComputeEscrow(admin, 0, token, IERC20(address(fot)), oracle, GRACE);
        bytes32 escrowRole = token.ESCROW_ROLE();
        vm.prank(admin);
        token.grantRole(escrowRole, address(fotEscrow));
        address[4] memory who = [provider, alice, bob, lender];
        for (uint256 i; i < who.length; ++i) {
            fot.mint(who[i], 1_000_000e6);
            vm.startPrank(who[i]);
            fot.approve(address(fotEscrow), type(uint256).max);
            vm.stopPrank();
        }
    }

    function _fee(uint256 amount, uint256 feeBps) internal pure returns (uint256) {
        return amount * feeBps / 10_000;
    }

    /// @dev The bond credits only what arrived, so the escrow stays exactly solvent.
    function testFuzz_PostBondCreditsReceived(uint256 feeBps, uint256 amount) external {
        feeBps = bound(feeBps, 0, 9999);
        amount = bound(amount, 1, 1_000_000e6);
        _deploy(feeBps);
        uint256 received = amount - _fee(amount, feeBps);

        vm.expectEmit(address(fotEscrow));
        emit IComputeEscrow.BondPosted(lotId, provider, received);
        vm.prank(provider);
        fotEscrow.postBond(lotId, amount);

        (uint256 total,) = fotEscrow.bondOf(lotId);
        assertEq(total, received);
        assertEq(fot.balanceOf(address(fotEscrow)), total, "solvent");
    }

    /// @dev A refund from a fee-reduced bond: the accounting stays solvent through redeem, refund and withdraw.
    function testFuzz_RefundFromFeeReducedBond(uint256 feeBps, uint256 units) external {
        feeBps = bound(feeBps, 1, 5000);
        units = bound(units, 1, 500);
        _deploy(feeBps);
        vm.prank(provider);
        fotEscrow.postBond(lotId, 2 * UNITS * PRICE); // what arrives still covers every unit
        vm.prank(alice);
        uint256 id = fotEscrow.redeem(lotId, units);
        vm.warp(endsAt + GRACE + 1);
        fotEscrow.claimRefund(id);

        (uint256 total, uint256 reserved) = fotEscrow.bondOf(lotId);
        assertEq(reserved, 0);
        assertEq(fot.balanceOf(address(fotEscrow)), total + fotEscrow.claimable(alice), "solvent");

        uint256 before = fot.balanceOf(alice);
        vm.prank(alice);
        fotEscrow.withdraw(alice);
        uint256 credit = units * PRICE;
        assertEq(fot.balanceOf(alice) - before, credit - _fee(credit, feeBps), "fee on the way out");
        assertEq(fot.balanceOf(address(fotEscrow)), total, "solvent after withdrawal");
    }

    /// @dev Sales and pledges settle through the market and the lending module; their fee-on-transfer cases are in
    /// market/fuzz/FeeOnTransfer.t.sol and lending/fuzz/FeeOnTransfer.t.sol.
    function test_ZeroFeeBehavesLikeAPlainToken() external {
        _deploy(0);
        vm.prank(provider);
        fotEscrow.postBond(lotId, 100 * uint256(PRICE));
        (uint256 bond,) = fotEscrow.bondOf(lotId);
        assertEq(bond, 100 * uint256(PRICE), "the whole bond arrived");

        vm.prank(alice);
        uint256 id = fotEscrow.redeem(lotId, 10);
        vm.warp(endsAt + GRACE + 1);
        fotEscrow.claimRefund(id);
        uint256 before = fot.balanceOf(alice);
        vm.prank(alice);
        fotEscrow.withdraw(alice);
        assertEq(fot.balanceOf(alice) - before, 10 * uint256(PRICE), "the whole refund arrived");
        assertEq(fot.balanceOf(address(fotEscrow)), 90 * uint256(PRICE), "exactly the rest of the bond");
    }
}

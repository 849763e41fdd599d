// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {EscrowBase} from "../EscrowBase.sol";

/// @notice Balance-delta accounting against a stablecoin that burns a fee on every transfer: the suite's escrow
/// accepts FeeOnTransferToken as a second settlement currency and a lot (`fotLot`, held by alice) settles in it. The
/// lot is issued while the fee is off (an issuance must bond in full), then the fee is switched on. Bonds credit what
/// arrived (a sale's shortfall: market/fuzz/FeeOnTransfer.t.sol; a pledge's: lending/fuzz/FeeOnTransfer.t.sol), and
/// nothing of it touches the fixture's USDC ledger.
contract FeeOnTransfer_Test is EscrowBase {
    FeeOnTransferToken internal fot;
    uint256 internal fotLot;
    uint256 internal fotBond;
    uint256 internal usdcHeld;

    function _deploy(uint256 feeBps) internal {
        fot = new FeeOnTransferToken(0);
        address[4] memory who = [provider, alice, bob, lender];
        for (uint256 i; i < who.length; ++i) {
            fot.mint(who[i], 2_000_000e6); // the provider bonds the lot, then posts up to 1M more
            vm.prank(who[i]);
            fot.approve(address(escrow), type(uint256).max);
        }
        fotLot = _lotInCurrency(address(fot), alice, UNITS);
        fotBond = UNITS * PRICE;
        fot.setFeeBps(feeBps);
        usdcHeld = usdc.balanceOf(address(escrow));
    }

    function _fee(uint256 amount, uint256 feeBps) internal pure returns (uint256) {
        return amount * feeBps / 10_000;
    }

    /// @dev The fixture's USDC ledger is as it was: the fee currency's flows never touch it.
    function _assertUsdcUntouched() internal view {
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance, usdcHeld, "USDC balance unchanged");
        assertEq(obligations, UNITS * PRICE, "USDC owes only the fixture lot's bond");
    }

    /// @dev The bond credits only what arrived, so the escrow stays exactly solvent in the fee currency.
    function testFuzz_PostBondCreditsReceived(uint256 feeBps, uint256 amount) external {
        feeBps = bound(feeBps, 0, 9999);
        amount = bound(amount, 1, 1_000_000e6);
        _deploy(feeBps);
        uint256 received = amount - _fee(amount, feeBps);

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.BondPosted(fotLot, provider, received);
        vm.prank(provider);
        escrow.postBond(fotLot, amount);

        (uint256 total,) = escrow.bondOf(fotLot);
        assertEq(total, fotBond + received);
        assertEq(fot.balanceOf(address(escrow)), total, "solvent");
        (, uint256 bonds,) = escrow.totals(address(fot));
        assertEq(bonds, total, "the fee currency's total of bonds");
        _assertUsdcUntouched();
    }

    /// @dev A refund from a fee-reduced bond: the accounting stays solvent through redeem, refund and withdraw.
    function testFuzz_RefundFromFeeReducedBond(uint256 feeBps, uint256 units) external {
        feeBps = bound(feeBps, 1, 5000);
        units = bound(units, 1, 500);
        _deploy(feeBps);
        vm.prank(provider);
        escrow.postBond(fotLot, UNITS * PRICE); // partly burned on the way in; the issuance bond covers every unit
        vm.prank(alice);
        uint256 id = escrow.redeem(fotLot, units);
        vm.warp(token.lot(fotLot).endsAt + GRACE + 1);
        escrow.claimRefund(id);

        (uint256 total, uint256 reserved) = escrow.bondOf(fotLot);
        assertEq(reserved, 0);
        assertEq(fot.balanceOf(address(escrow)), total + escrow.claimable(alice, address(fot)), "solvent");
        assertEq(escrow.claimable(alice, address(usdc)), 0, "the refund is in the lot's currency only");

        uint256 before = fot.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(fot), alice);
        uint256 credit = units * PRICE;
        assertEq(fot.balanceOf(alice) - before, credit - _fee(credit, feeBps), "fee on the way out");
        assertEq(fot.balanceOf(address(escrow)), total, "solvent after withdrawal");
        _assertUsdcUntouched();
    }

    /// @dev Sales and pledges settle through the market and the lending module; their fee-on-transfer cases are in
    /// market/fuzz/FeeOnTransfer.t.sol and lending/fuzz/FeeOnTransfer.t.sol.
    function test_ZeroFeeBehavesLikeAPlainToken() external {
        _deploy(0);
        vm.prank(provider);
        escrow.postBond(fotLot, 100 * uint256(PRICE));
        (uint256 bond,) = escrow.bondOf(fotLot);
        assertEq(bond, fotBond + 100 * uint256(PRICE), "the whole bond arrived");

        vm.prank(alice);
        uint256 id = escrow.redeem(fotLot, 10);
        vm.warp(token.lot(fotLot).endsAt + GRACE + 1);
        escrow.claimRefund(id);
        uint256 before = fot.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(fot), alice);
        assertEq(fot.balanceOf(alice) - before, 10 * uint256(PRICE), "the whole refund arrived");
        assertEq(fot.balanceOf(address(escrow)), fotBond + 90 * uint256(PRICE), "exactly the rest of the bond");
        _assertUsdcUntouched();
    }
}

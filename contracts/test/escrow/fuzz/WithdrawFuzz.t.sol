// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

/// @notice Fuzz tests of withdraw.
contract WithdrawFuzz_Test is EscrowBase {
    /// @dev Whatever was credited is paid in full to any recipient, once.
    function testFuzz_Withdraw(uint256 units, uint256 price, address to) external {
        vm.assume(to != address(0) && to != address(escrow));
        units = bound(units, 1, UNITS);
        price = bound(price, 1, 1e9);
        _buy(bob, _createOffer(alice, units, price, endsAt), units);
        uint256 credit = units * price;

        uint256 before = usdc.balanceOf(to);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.Withdrawn(alice, to, address(usdc), credit);
        vm.prank(alice);
        escrow.withdraw(address(usdc), to);
        assertEq(usdc.balanceOf(to) - before, credit);
        assertEq(escrow.claimable(alice, address(usdc)), 0);
        assertEq(usdc.balanceOf(address(escrow)), UNITS * PRICE, "only the bond is left");
    }

    /// @dev A blacklisted account never blocks another account's withdrawal.
    function testFuzz_WithdrawWhileOtherBlacklisted(uint256 who) external {
        address[4] memory others = [bob, provider, lender, outsider];
        address blocked = others[bound(who, 0, 3)];
        _buy(bob, _defaultOffer(), 100);
        vm.prank(admin);
        usdc.setBlacklisted(blocked, true);

        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
        assertEq(escrow.claimable(alice, address(usdc)), 0);
    }
}

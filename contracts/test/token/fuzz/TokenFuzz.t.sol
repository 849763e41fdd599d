// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Fuzz tests of every token function that takes amounts, ids or times, and a differential test of the
/// `canTransfer` preflight against real transfers.
contract ComputeTokenFuzzTest is TokenBase {
    uint256 internal constant ID_HASH_MASK = (uint256(1) << 216) - 1;

    /// @dev The error an issue of `units` raises when at most `max` more units fit the lot's counter.
    function _invalidUnits(uint256 units, uint256 max) internal pure returns (bytes memory) {
        if (units == 0) return _err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector);
        return abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnitsOverflow.selector, units, max);
    }

    function _status(address from, address to, uint256 id, uint256 units) internal view returns (uint256) {
        return uint256(token.canTransfer(from, to, id, units));
    }

    /*//////////////////////////////////////////////////////////////
                                 ISSUE
    //////////////////////////////////////////////////////////////*/

    function testFuzz_IssueLot_Units(uint256 units) external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        bool valid = units != 0 && units <= MAX_UNITS;
        if (!valid) vm.expectRevert(_invalidUnits(units, MAX_UNITS));
        vm.prank(provider);
        uint256 lotId = token.issueLot(spec, alice, units);
        if (valid) {
            assertEq(token.balanceOf(alice, lotId), units);
            assertEq(token.totalSupply(lotId), units);
            assertEq(token.lot(lotId).unitsIssued, units);
        }
    }

    function testFuzz_IssueLot_Window(uint40 startsAt, uint40 endsAt, uint256 nowTs) external {
        nowTs = bound(nowTs, 1, type(uint40).max);
        vm.warp(nowTs);
        IComputeCapacityToken.LotSpec memory spec = _spec();
        (spec.startsAt, spec.endsAt) = (startsAt, endsAt);
        bool valid = startsAt < endsAt && endsAt > nowTs;
        if (startsAt >= endsAt) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InvalidWindow.selector, startsAt, endsAt)
            );
        } else if (endsAt <= nowTs) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_WindowEnded.selector, endsAt, nowTs)
            );
        }
        vm.prank(provider);
        uint256 lotId = token.issueLot(spec, alice, 1);
        if (valid) {
            assertEq(lotId, token.lotIdOf(spec));
            assertEq(lotId >> 216, endsAt);
            assertEq(token.lot(lotId).startsAt, startsAt);
            assertEq(token.lot(lotId).endsAt, endsAt);
        }
    }

    function testFuzz_IssueLot_SlaAndPrice(uint16 sla, uint96 price) external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        (spec.slaUptimeBps, spec.referencePrice) = (sla, price);
        if (sla > 10_000) {
            vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SlaUptimeTooHigh.selector, sla));
        } else if (price == 0) {
            vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_ZeroReferencePrice.selector));
        }
        vm.prank(provider);
        token.issueLot(spec, alice, 1);
    }

    function testFuzz_LotIdOf(IComputeCapacityToken.LotSpec memory spec) external view {
        uint256 id = token.lotIdOf(spec);
        assertEq(id >> 216, spec.endsAt);
        assertEq(id & ID_HASH_MASK, uint256(keccak256(abi.encode(spec))) & ID_HASH_MASK);
    }

    function testFuzz_LotIdOf_MatchesIssueLot(bytes32 metadataHash, uint32 energy, uint40 length) external {
        vm.assume(metadataHash != bytes32(0)); // refused: ComputeToken_MissingMetadataHash (issueLot.t.sol)
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.metadataHash = metadataHash;
        spec.energyWhPerGpuHour = energy;
        spec.endsAt = uint40(bound(length, 1, 10 * 365 days)) + spec.startsAt;
        uint256 expected = token.lotIdOf(spec);
        assertEq(_issue(spec, provider, 1), expected);
        assertEq(expected >> 216, spec.endsAt);
    }

    /// @dev `more` stays below `type(uint256).max - first`: above it `issue` panics instead of reverting with
    /// ComputeToken_UnitsOverflow (see issue.t.sol, test_RevertWhen_UnitsIssuedPlusUnitsOverflowsUint256).
    function testFuzz_Issue_Units(uint256 first, uint256 more) external {
        first = bound(first, 1, MAX_UNITS);
        more = bound(more, 0, type(uint256).max - first);
        uint256 lotId = _issueTo(alice, first);
        bool valid = more != 0 && first + more <= MAX_UNITS;
        if (!valid) vm.expectRevert(_invalidUnits(more, MAX_UNITS - first));
        vm.prank(provider);
        token.issue(lotId, bob, more);
        assertEq(token.totalSupply(lotId), valid ? first + more : first);
        assertEq(token.balanceOf(bob, lotId), valid ? more : 0);
    }

    function testFuzz_Issue_Time(uint256 t) external {
        uint256 lotId = _issueTo(alice, 10);
        uint40 endsAt = _endsAt(lotId);
        t = bound(t, block.timestamp, uint256(endsAt) + 365 days);
        vm.warp(t);
        bool valid = t < endsAt;
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt)
            );
        }
        vm.prank(provider);
        token.issue(lotId, bob, 1);
        assertEq(token.balanceOf(bob, lotId), valid ? 1 : 0);
    }

    function testFuzz_IssueBatch(uint256 a, uint256 b, uint256 c) external {
        uint256 lotA = _issue(_specN(1), alice, 1);
        uint256 lotB = _issue(_specN(2), alice, 1);
        a = bound(a, 0, MAX_UNITS);
        b = bound(b, 0, MAX_UNITS);
        c = bound(c, 0, MAX_UNITS);
        uint256[] memory ids = new uint256[](3);
        uint256[] memory units = new uint256[](3);
        (ids[0], ids[1], ids[2]) = (lotA, lotB, lotA);
        (units[0], units[1], units[2]) = (a, b, c);

        // The first failing entry, in order, decides the error.
        bytes memory err;
        if (a == 0 || a + 1 > MAX_UNITS) err = _invalidUnits(a, MAX_UNITS - 1);
        else if (b == 0 || b + 1 > MAX_UNITS) err = _invalidUnits(b, MAX_UNITS - 1);
        else if (c == 0 || a + c + 1 > MAX_UNITS) err = _invalidUnits(c, MAX_UNITS - 1 - a);
        if (err.length != 0) vm.expectRevert(err);
        vm.prank(provider);
        token.issueBatch(ids, bob, units);
        if (err.length == 0) {
            assertEq(token.totalSupply(lotA), 1 + a + c);
            assertEq(token.totalSupply(lotB), 1 + b);
            assertEq(token.balanceOf(bob, lotA), a + c);
            assertEq(token.balanceOf(bob, lotB), b);
        }
    }

    /*//////////////////////////////////////////////////////////////
                               TRANSFERS
    //////////////////////////////////////////////////////////////*/

    function testFuzz_Transfer_VsLocked(uint256 balance, uint256 locked, uint256 amount) external {
        balance = bound(balance, 1, MAX_UNITS);
        locked = bound(locked, 0, balance);
        amount = bound(amount, 0, balance + 10);
        uint256 lotId = _issueTo(alice, balance);
        if (locked != 0) _lock(alice, lotId, locked);

        bool valid = amount <= balance - locked;
        if (!valid) {
            if (locked != 0) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector,
                        alice,
                        lotId,
                        balance - locked,
                        amount
                    )
                );
            } else {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IERC1155Errors.ERC1155InsufficientBalance.selector, alice, balance, amount, lotId
                    )
                );
            }
        }
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, amount, "");

        assertEq(token.balanceOf(bob, lotId), valid ? amount : 0);
        assertEq(token.lockedBalanceOf(alice, lotId), locked);
        assertGe(token.balanceOf(alice, lotId), locked);
    }

    function testFuzz_Transfer_Time(uint256 t) external {
        uint256 lotId = _issueTo(alice, 10);
        uint40 endsAt = _endsAt(lotId);
        t = bound(t, block.timestamp, uint256(endsAt) + 365 days);
        vm.warp(t);
        bool valid = t < endsAt;
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt)
            );
        }
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 1, "");
        assertEq(token.balanceOf(bob, lotId), valid ? 1 : 0);
    }

    function testFuzz_BatchTransfer_VsLocked(uint256 lockedA, uint256 lockedB, uint256 amountA, uint256 amountB)
        external
    {
        uint256 lotA = _issue(_specN(1), alice, 100);
        uint256 lotB = _issue(_specN(2), alice, 200);
        lockedA = bound(lockedA, 0, 100);
        lockedB = bound(lockedB, 0, 200);
        amountA = bound(amountA, 0, 110);
        amountB = bound(amountB, 0, 210);
        if (lockedA != 0) _lock(alice, lotA, lockedA);
        if (lockedB != 0) _lock(alice, lotB, lockedB);
        uint256[] memory ids = new uint256[](2);
        uint256[] memory units = new uint256[](2);
        (ids[0], ids[1]) = (lotA, lotB);
        (units[0], units[1]) = (amountA, amountB);

        bool valid = amountA <= 100 - lockedA && amountB <= 200 - lockedB;
        if (!valid) vm.expectRevert();
        vm.prank(alice);
        token.safeBatchTransferFrom(alice, bob, ids, units, "");
        assertEq(token.balanceOf(bob, lotA), valid ? amountA : 0);
        assertEq(token.balanceOf(bob, lotB), valid ? amountB : 0);
        assertGe(token.balanceOf(alice, lotA), lockedA);
        assertGe(token.balanceOf(alice, lotB), lockedB);
    }

    function testFuzz_ForcedTransfer_VsLocked(uint256 balance, uint256 locked, uint256 amount, bool paused) external {
        balance = bound(balance, 1, 1e12);
        locked = bound(locked, 0, balance);
        amount = bound(amount, 1, balance + 10);
        uint256 lotId = _issueTo(alice, balance);
        if (locked != 0) _lock(alice, lotId, locked);
        if (paused) _pause();

        bool valid = amount <= balance - locked;
        if (!valid) vm.expectRevert();
        vm.prank(recovery);
        token.forcedTransfer(alice, bob, lotId, amount);
        assertEq(token.balanceOf(bob, lotId), valid ? amount : 0);
        assertGe(token.balanceOf(alice, lotId), locked);
    }

    /*//////////////////////////////////////////////////////////////
                               COLLATERAL
    //////////////////////////////////////////////////////////////*/

    function testFuzz_LockUnlock(uint256 balance, uint256 lockAmt, uint256 unlockAmt) external {
        balance = bound(balance, 1, MAX_UNITS);
        lockAmt = bound(lockAmt, 0, balance + 10);
        uint256 lotId = _issueTo(alice, balance);

        bool lockOk = lockAmt != 0 && lockAmt <= balance;
        if (lockAmt == 0) {
            vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
        } else if (!lockOk) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector,
                    alice,
                    lotId,
                    balance,
                    lockAmt
                )
            );
        }
        vm.prank(collateralAgent);
        token.lock(alice, lotId, lockAmt);
        uint256 locked = lockOk ? lockAmt : 0;
        assertEq(token.lockedBalanceOf(alice, lotId), locked);

        unlockAmt = bound(unlockAmt, 0, locked + 10);
        bool unlockOk = unlockAmt != 0 && unlockAmt <= locked;
        if (unlockAmt == 0) {
            vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
        } else if (!unlockOk) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeCapacityToken.ComputeToken_InsufficientLocked.selector, alice, lotId, locked, unlockAmt
                )
            );
        }
        vm.prank(collateralAgent);
        token.unlock(alice, lotId, unlockAmt);
        assertEq(token.lockedBalanceOf(alice, lotId), unlockOk ? locked - unlockAmt : locked);
        assertEq(token.balanceOf(alice, lotId), balance);
    }

    function testFuzz_Seize(uint256 balance, uint256 locked, uint256 amount, uint256 t) external {
        balance = bound(balance, 1, MAX_UNITS);
        locked = bound(locked, 1, balance);
        amount = bound(amount, 1, locked + 10);
        uint256 lotId = _issueTo(alice, balance);
        _lock(alice, lotId, locked);
        vm.warp(bound(t, block.timestamp, uint256(_endsAt(lotId)) + 365 days)); // expiry does not matter

        bool valid = amount <= locked;
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeCapacityToken.ComputeToken_InsufficientLocked.selector, alice, lotId, locked, amount
                )
            );
        }
        vm.prank(collateralAgent);
        token.seize(alice, lender, lotId, amount);
        assertEq(token.balanceOf(lender, lotId), valid ? amount : 0);
        assertEq(token.lockedBalanceOf(alice, lotId), valid ? locked - amount : locked);
        assertEq(token.balanceOf(alice, lotId), valid ? balance - amount : balance);
    }

    function testFuzz_RedeemFrom(uint256 balance, uint256 locked, uint256 amount, uint256 t) external {
        balance = bound(balance, 1, MAX_UNITS);
        locked = bound(locked, 0, balance);
        amount = bound(amount, 0, balance + 10);
        uint256 lotId = _issueTo(alice, balance);
        if (locked != 0) _lock(alice, lotId, locked);
        vm.warp(bound(t, block.timestamp, uint256(_endsAt(lotId)) + 365 days)); // redemption works after expiry

        bool valid = amount != 0 && amount <= balance - locked;
        if (amount == 0) vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
        else if (!valid) vm.expectRevert();
        vm.prank(escrowAgent);
        token.redeemFrom(alice, lotId, amount);

        uint256 burned = valid ? amount : 0;
        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        assertEq(record.unitsBurned, burned);
        assertEq(token.totalSupply(lotId), record.unitsIssued - record.unitsBurned);
        assertEq(token.totalSupply(lotId), balance - burned);
        assertEq(token.balanceOf(alice, lotId), balance - burned);
        assertEq(token.lockedBalanceOf(alice, lotId), locked);
    }

    /*//////////////////////////////////////////////////////////////
                     DIFFERENTIAL: canTransfer vs transfer
    //////////////////////////////////////////////////////////////*/

    /// @dev Random compliance state, lock, time and amount: `canTransfer` returns Ok exactly when the real transfer
    /// succeeds. Each flag is on with probability 1/8 so that Ok stays frequent.
    /// Zero-unit transfers of unknown ids are excluded: canTransfer reports UnknownLot but the transfer is a no-op
    /// that succeeds (see the final report).
    function testFuzz_CanTransferMatchesTransfer(
        uint8 fromIdx,
        uint8 toIdx,
        uint256 flags,
        uint256 lockAmt,
        uint256 units,
        uint256 elapsed,
        bool unknown
    ) external {
        address[5] memory actors = [alice, bob, lender, outsider, address(0)];
        address from = actors[fromIdx % 4];
        address to = actors[toIdx % 5];
        uint256 lotId = _differentialSetup(from, to, flags, lockAmt, elapsed);

        uint256 id = unknown ? lotId ^ 1 : lotId;
        units = bound(units, unknown ? 1 : 0, 130);
        _assertPreflightMatches(from, to, id, units);
        assertGe(token.balanceOf(from, lotId), token.lockedBalanceOf(from, lotId));
    }

    /// @dev Balances alice 100, bob 50, lender 1, outsider 20 (de-listed); a random lock on `from`; random freezes,
    /// allowlist flips and pause; a random time up to twice the lot's remaining life.
    function _differentialSetup(address from, address to, uint256 flags, uint256 lockAmt, uint256 elapsed)
        internal
        returns (uint256 lotId)
    {
        lotId = _issueTo(alice, 100);
        vm.startPrank(provider);
        token.issue(lotId, bob, 50);
        token.issue(lotId, lender, 1);
        vm.stopPrank();
        _allow(outsider);
        vm.prank(provider);
        token.issue(lotId, outsider, 20);

        // Locking needs an allowlisted, unfrozen holder (S-2), so the lock comes before outsider is de-listed.
        lockAmt = bound(lockAmt, 0, token.balanceOf(from, lotId));
        if (lockAmt != 0) _lock(from, lotId, lockAmt);
        _disallow(outsider);

        vm.startPrank(compliance);
        if (_flag(flags, 1)) token.setFrozen(from, true);
        if (_flag(flags, 2)) token.setFrozen(to, true);
        if (_flag(flags, 3)) token.setAllowed(from, !token.isAllowed(from));
        if (_flag(flags, 4)) token.setAllowed(to, !token.isAllowed(to));
        vm.stopPrank();
        if (_flag(flags, 0)) _pause();
        vm.warp(block.timestamp + bound(elapsed, 0, 2 * (uint256(_endsAt(lotId)) - block.timestamp)));
    }

    function _assertPreflightMatches(address from, address to, uint256 id, uint256 units) internal {
        uint256 status = _status(from, to, id, units);
        uint256 fromBefore = token.balanceOf(from, id);
        uint256 toBefore = token.balanceOf(to, id);

        vm.prank(from);
        try token.safeTransferFrom(from, to, id, units, "") {
            assertEq(status, uint256(IComputeCapacityToken.TransferStatus.Ok), "transfer succeeded but status != Ok");
            if (from != to) {
                assertEq(token.balanceOf(from, id), fromBefore - units);
                assertEq(token.balanceOf(to, id), toBefore + units);
            }
        } catch {
            assertTrue(status != uint256(IComputeCapacityToken.TransferStatus.Ok), "transfer reverted but status Ok");
        }
    }

    function _flag(uint256 flags, uint256 k) internal pure returns (bool) {
        return (flags >> (k * 8)) % 8 == 0;
    }
}

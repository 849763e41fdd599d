// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";
import {TokenHandler} from "./TokenHandler.sol";

/// @notice Handler-based invariants of the token: unit conservation, locked units stay covered and never move, and
/// lot records are immutable apart from their counters.
contract ComputeTokenInvariantsTest is TokenBase {
    TokenHandler internal handler;

    address internal carol = makeAddr("carol");
    address[] internal actorList;
    uint256[] internal lotList;
    IComputeCapacityToken.Lot[] internal initialLots;

    function setUp() public override {
        super.setUp();

        // Three lots: one expiring within a few handler warps, the fixture's one, and a long one.
        IComputeCapacityToken.LotSpec memory shortSpec = _specN(1);
        shortSpec.startsAt = uint40(block.timestamp);
        shortSpec.endsAt = uint40(block.timestamp + 3 days);
        IComputeCapacityToken.LotSpec memory longSpec = _specN(3);
        longSpec.endsAt = uint40(block.timestamp + 120 days);
        lotList.push(_issue(shortSpec, provider, 1000));
        lotList.push(_issue(_specN(2), provider, 1000));
        lotList.push(_issue(longSpec, provider, 1000));
        uint256[] memory units = new uint256[](3);
        (units[0], units[1], units[2]) = (300, 300, 300);
        vm.startPrank(provider);
        token.issueBatch(lotList, alice, units);
        token.issueBatch(lotList, bob, units);
        token.issueBatch(lotList, lender, units);
        vm.stopPrank();

        actorList.push(provider);
        actorList.push(alice);
        actorList.push(bob);
        actorList.push(lender);
        actorList.push(carol); // starts off the allowlist

        handler = new TokenHandler(token, provider, compliance, pauser, recovery, actorList, lotList);
        vm.prank(admin);
        token.grantRole(ESCROW_ROLE, address(handler));
        vm.prank(admin);
        token.grantRole(COLLATERAL_ROLE, address(handler));

        for (uint256 i; i < lotList.length; ++i) {
            initialLots.push(token.lot(lotList[i]));
        }

        bytes4[] memory selectors = new bytes4[](13);
        selectors[0] = TokenHandler.issue.selector;
        selectors[1] = TokenHandler.transfer.selector;
        selectors[2] = TokenHandler.transferBatch.selector;
        selectors[3] = TokenHandler.forcedTransfer.selector;
        selectors[4] = TokenHandler.lock.selector;
        selectors[5] = TokenHandler.unlock.selector;
        selectors[6] = TokenHandler.seize.selector;
        selectors[7] = TokenHandler.redeem.selector;
        selectors[8] = TokenHandler.setFrozen.selector;
        selectors[9] = TokenHandler.setAllowed.selector;
        selectors[10] = TokenHandler.setPaused.selector;
        selectors[11] = TokenHandler.warp.selector;
        selectors[12] = TokenHandler.transfer.selector; // transfers twice as likely
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev unitsIssued - unitsBurned == totalSupply == Σ balances == ghost issued - ghost burned, per lot.
    /// Each invariant is checked after every 4th handler call and at the end of each run (check_interval = 4):
    /// checking after every call costs about four times the whole campaign; the handler itself still checks every
    /// call's outcome against its prediction, and a breach of the invariants below persists in state or in the
    /// ghost counters, so the next check still sees it.
    /// forge-config: default.invariant.check_interval = 4
    function invariant_UnitConservation() external view {
        for (uint256 l; l < lotList.length; ++l) {
            uint256 lotId = lotList[l];
            IComputeCapacityToken.Lot memory record = token.lot(lotId);
            uint256[] memory balances = token.balanceOfBatch(actorList, _repeat(lotId));
            uint256 sum;
            for (uint256 a; a < balances.length; ++a) {
                sum += balances[a];
            }
            uint256 supply = token.totalSupply(lotId);
            (uint256 issued, uint256 burned) = (handler.ghostIssued(lotId), handler.ghostBurned(lotId));
            if (record.unitsIssued != issued) assertEq(record.unitsIssued, issued, "unitsIssued != ghost");
            if (record.unitsBurned != burned) assertEq(record.unitsBurned, burned, "unitsBurned != ghost");
            if (supply != issued - burned) assertEq(supply, issued - burned, "totalSupply != issued - burned");
            if (supply != sum) assertEq(supply, sum, "totalSupply != sum of balances");
        }
    }

    /// @dev For every actor and lot: locked <= balance and the token's locked amount equals the ghost; and no
    /// movement that needed locked units (transfer, batch, forced transfer, redemption) ever succeeded.
    /// forge-config: default.invariant.check_interval = 4
    function invariant_PledgedUnitsNeverMove() external view {
        for (uint256 l; l < lotList.length; ++l) {
            uint256 lotId = lotList[l];
            uint256[] memory balances = token.balanceOfBatch(actorList, _repeat(lotId));
            uint256[] memory ghost = handler.ghostLockedOf(lotId);
            for (uint256 a; a < actorList.length; ++a) {
                uint256 locked = token.lockedBalanceOf(actorList[a], lotId);
                if (locked != ghost[a]) assertEq(locked, ghost[a], "lockedBalanceOf != ghost");
                if (locked > balances[a]) assertLe(locked, balances[a], "locked > balance");
            }
        }
        uint256 moved = handler.ghostLockedTouchSuccesses();
        if (moved != 0) assertEq(moved, 0, "a movement of locked units succeeded");
    }

    /// @dev Every field of a lot record except unitsIssued and unitsBurned is fixed at creation.
    /// forge-config: default.invariant.check_interval = 4
    function invariant_LotRecordsImmutable() external view {
        for (uint256 l; l < lotList.length; ++l) {
            IComputeCapacityToken.Lot memory current = token.lot(lotList[l]);
            IComputeCapacityToken.Lot memory initial = initialLots[l];
            (current.unitsIssued, current.unitsBurned) = (initial.unitsIssued, initial.unitsBurned);
            if (keccak256(abi.encode(current)) != keccak256(abi.encode(initial))) {
                assertEq(abi.encode(current), abi.encode(initial), "lot record changed");
            }
            if (current.endsAt != lotList[l] >> 216) assertEq(current.endsAt, lotList[l] >> 216, "endsAt != id");
        }
    }

    function _repeat(uint256 lotId) internal view returns (uint256[] memory ids) {
        ids = new uint256[](actorList.length);
        for (uint256 i; i < ids.length; ++i) {
            ids[i] = lotId;
        }
    }
}

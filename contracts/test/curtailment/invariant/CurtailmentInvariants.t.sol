// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCurtailment} from "../../../src/interfaces/IComputeCurtailment.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {CurtailmentBase} from "../CurtailmentBase.sol";
import {CurtailmentHandler} from "./CurtailmentHandler.sol";

/// @notice The promises of interruptible lots (docs/SPEC.md §5, "Interruptible lots") under random sequences of
/// `CurtailmentHandler` actions: the escrow stays solvent; the bond covers every outstanding unit within the window
/// plus the refund cover of every issued unit until the pot is reserved; no more hours are attributed than the pool
/// curtailed since the declaration, nor more than the curtailable share; the credits never pass the pot, which never
/// passes what the issued units hold for it; units claimed stay within the units issued; the module holds nothing.
contract CurtailmentInvariants_Test is CurtailmentBase {
    CurtailmentHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](3);
        (actors[0], actors[1], actors[2]) = (provider, alice, bob);
        handler = new CurtailmentHandler(curtailment, iSpec, PRICE, [reporterKeys[0], reporterKeys[1]], actors);

        bytes4[] memory selectors = new bytes4[](11);
        selectors[0] = CurtailmentHandler.issue.selector;
        selectors[1] = CurtailmentHandler.transfer.selector;
        selectors[2] = CurtailmentHandler.redeem.selector;
        selectors[3] = CurtailmentHandler.confirm.selector;
        selectors[4] = CurtailmentHandler.report.selector;
        selectors[5] = CurtailmentHandler.sync.selector;
        selectors[6] = CurtailmentHandler.warp.selector;
        selectors[7] = CurtailmentHandler.finalize.selector;
        selectors[8] = CurtailmentHandler.claim.selector;
        selectors[9] = CurtailmentHandler.claimRedeemed.selector;
        selectors[10] = CurtailmentHandler.withdrawBond.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev Solvency: the escrow holds at least everything it owes in the lot's currency.
    function invariant_Solvent() external view {
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertGe(balance, obligations, "insolvent");
    }

    /// @dev Bond coverage (S-1 extended): unreserved bond >= outstanding units' cover within the window + the refund
    /// cover of every issued unit until the pot is reserved.
    function invariant_BondCoversUnitsAndRefunds() external view {
        if (!token.exists(iLot)) return;
        (uint256 total, uint256 reserved) = escrow.bondOf(iLot);
        IComputeEscrow.Curtailment memory c = escrow.curtailmentOf(iLot);
        uint256 issued = token.lot(iLot).unitsIssued;
        uint256 required = block.timestamp < iEndsAt ? token.totalSupply(iLot) * PRICE : 0;
        if (!c.reserved) required += issued * c.curtailCover;
        assertGe(total - reserved, required, "bond below the units' and the refunds' cover");
        assertEq(c.curtailCover, CURTAIL_COVER, "the declared cover");
        assertLe(issued, CAPACITY, "issued above the capacity");
    }

    /// @dev Attribution: never more than the pool curtailed since the declaration, nor than the share.
    function invariant_AttributionBounded() external view {
        IComputeCurtailment.Interruptible memory t = curtailment.interruptibleOf(iLot);
        assertLe(
            t.attributed,
            handler.ghost_curtailedSinceDeclaration() + handler.ghost_presumed(),
            "above what the pool curtailed (and finalization presumed)"
        );
        assertLe(t.attributed, CURTAIL_CAP, "above the share");
    }

    /// @dev The pot: min(attributed × rate, issued × share × rate); credits + what is left = the pot <= issued × cover;
    /// claimed units <= issued.
    function invariant_PotCoversEveryClaim() external view {
        IComputeEscrow.Curtailment memory c = escrow.curtailmentOf(iLot);
        if (c.reserved) {
            assertEq(handler.ghost_credited() + c.potRemaining, handler.ghost_pot(), "credits + rest != pot");
            assertLe(handler.ghost_pot(), uint256(token.lot(iLot).unitsIssued) * CURTAIL_COVER, "pot above cover");
            // SPEC §4: the attributed hours at the rate, at most the issued units' share at the rate (CR-3, RC-2).
            IComputeCurtailment.Interruptible memory t = curtailment.interruptibleOf(iLot);
            uint256 byHours = uint256(t.attributed) * RATE;
            uint256 byShare = uint256(t.issued) * SHARE_BPS * RATE / 10_000;
            assertEq(handler.ghost_pot(), byHours < byShare ? byHours : byShare, "pot is not the SPEC's formula");
            assertEq(t.issued, token.lot(iLot).unitsIssued, "issued recorded at finalization");
        } else {
            assertEq(handler.ghost_credited(), 0, "credited before the pot");
        }
        if (token.exists(iLot)) {
            uint256 issued = token.lot(iLot).unitsIssued;
            assertLe(handler.ghost_unitsClaimed() + handler.ghost_redeemedUnitsClaimed(), issued, "units claimed twice");
        }
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actorAt(i);
            assertLe(curtailment.claimedUnitsOf(iLot, a), token.balanceOf(a, iLot), "claimed above the balance");
        }
    }

    /// @dev The module holds no money and no units.
    function invariant_ModuleHoldsNothing() external view {
        assertEq(usdc.balanceOf(address(curtailment)), 0);
        assertEq(token.balanceOf(address(curtailment), iLot), 0);
    }

    /// @dev Random sequences reach every flow: issues (and refusals above the capacity), syncs that attribute,
    /// finalization (exact and presumed), claims of balances and of redemptions, withdrawals refused into the cover.
    function test_HandlerReachesEveryFlow() external {
        uint256 snapshot = vm.snapshotState();
        bytes32[12] memory paths = [
            bytes32("issue"),
            "issue refused above capacity",
            "issue refused after start",
            "redeem",
            "confirm",
            "sync attributing",
            "finalize exact",
            "finalize presumed",
            "claim",
            "claimRedeemed",
            "withdrawBond",
            "withdrawBond refused pending"
        ];
        uint256[12] memory counts;
        for (uint256 run; run < 24; ++run) {
            _randomRun(uint256(keccak256(abi.encode("curtailment run", run))));
            for (uint256 p; p < paths.length; ++p) {
                counts[p] += handler.reached(paths[p]);
            }
            vm.revertToState(snapshot);
        }
        for (uint256 p; p < paths.length; ++p) {
            emit log_named_uint(string(abi.encodePacked(paths[p])), counts[p]);
            assertGt(counts[p], 0, string.concat("never reached: ", string(abi.encodePacked(paths[p]))));
        }
    }

    /// @dev One run of 120 actions picked by `seed`, weighted so that a run crosses the window.
    function _randomRun(uint256 seed) internal {
        for (uint256 i; i < 120; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            uint256 a = seed % 14;
            uint256 x = seed >> 16;
            uint256 y = seed >> 96;
            if (a == 0 || a == 1) handler.issue(x);
            else if (a == 2) handler.transfer(x, y, x >> 8);
            else if (a == 3) handler.redeem(x, y);
            else if (a == 4) handler.confirm(x);
            else if (a == 5 || a == 6) handler.report(x, uint64(y), uint64(y >> 64));
            else if (a == 7 || a == 8) handler.sync();
            else if (a == 9) handler.warp(x);
            else if (a == 10) handler.finalize();
            else if (a == 11) handler.claim(x);
            else if (a == 12) handler.claimRedeemed(x);
            else handler.withdrawBond(x);
        }
    }
}

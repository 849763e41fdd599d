// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

import {IComputeLending} from "../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "./LendingBase.sol";

/// @notice Who may call what on the lending module: `setLoanToValue` and `resetLoanToValue` (RISK_ROLE) and role
/// management against every named actor and the suite's other contracts, `cancelPledge`, `fundPledge` (with a
/// designated lender), `claimCollateral` (of an Active pledge and out of an auction that sold nothing) and
/// `startCollateralAuction` during AUCTION_GRACE against every account that is not the party, and the open functions
/// (`repay`, `recordSettlementPause`, `fundPledge` without a designated lender but for the holder itself,
/// `startCollateralAuction` after the grace on a third party's terms, `buyCollateral`, `settleCollateralAuction`)
/// against everyone. The collateral auction's callers are onboarded (allowlisted) first: starting one also requires
/// the token's compliance (L-4), which its own tests cover.
contract LendingAccessControlMatrix_Test is LendingBase {
    bytes32 internal riskRole;
    bytes32 internal adminRole;

    function setUp() public override {
        super.setUp();
        riskRole = lending.RISK_ROLE();
        adminRole = lending.DEFAULT_ADMIN_ROLE();
    }

    /// @dev Every named actor, then the escrow and the market (contracts with roles elsewhere in the suite).
    function _withContracts() internal view returns (address[] memory list) {
        address[11] memory all = _allActors();
        list = new address[](all.length + 2);
        for (uint256 i; i < all.length; ++i) {
            list[i] = all[i];
        }
        list[all.length] = address(escrow);
        list[all.length + 1] = address(market);
    }

    /// @dev Every named actor minus `party`.
    function _othersThan(address party) internal view returns (address[] memory list) {
        address[11] memory all = _allActors();
        list = new address[](all.length);
        uint256 n;
        for (uint256 i; i < all.length; ++i) {
            if (all[i] != party) list[n++] = all[i];
        }
        assembly ("memory-safe") {
            mstore(list, n)
        }
    }

    /// @dev Expects the party error `selector(pledgeId, caller)` and pranks `caller`.
    function _expectNotParty(bytes4 selector, uint256 pledgeId, address caller) internal {
        vm.expectRevert(abi.encodeWithSelector(selector, pledgeId, caller));
        vm.prank(caller);
    }

    /*//////////////////////////////////////////////////////////////
                              ROLE-GATED
    //////////////////////////////////////////////////////////////*/

    /// @dev Only RISK_ROLE holders (`risk`, and the admin, granted it at deployment) set a lot's loan-to-value.
    function test_SetLoanToValue_Matrix() external {
        address[] memory callers = _withContracts();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            bool allowed = caller == admin || caller == risk;
            if (!allowed) {
                vm.expectRevert(
                    abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, riskRole)
                );
            }
            vm.prank(caller);
            // forge-lint: disable-next-line(unsafe-typecast)
            lending.setLoanToValue(lotId, uint16(1000 + i));
            if (allowed) assertEq(lending.loanToValue(lotId), 1000 + i);
        }
        assertEq(lending.loanToValue(lotId), 1005, "risk (index 5) set it last");
    }

    /// @dev Only RISK_ROLE holders reset a lot to the default; every other caller leaves the lot's setting in place.
    function test_ResetLoanToValue_Matrix() external {
        vm.prank(risk);
        lending.setLoanToValue(lotId, 0); // pledging off
        address[] memory callers = _withContracts();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            uint256 snapshot = vm.snapshotState();
            bool allowed = caller == admin || caller == risk;
            if (!allowed) {
                vm.expectRevert(
                    abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, riskRole)
                );
            }
            vm.prank(caller);
            lending.resetLoanToValue(lotId);
            assertEq(lending.loanToValue(lotId), allowed ? DEFAULT_LTV : 0);
            vm.revertToState(snapshot);
        }
    }

    function test_GrantRole_Matrix() external {
        address[] memory callers = _withContracts();
        address grantee = makeAddr("grantee");
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            if (caller != admin) {
                vm.expectRevert(
                    abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
                );
            }
            vm.prank(caller);
            lending.grantRole(riskRole, grantee);
            assertEq(lending.hasRole(riskRole, grantee), caller == admin || i > 0);
        }
        // The granted role works.
        vm.prank(grantee);
        lending.setLoanToValue(lotId, 1234);
        assertEq(lending.loanToValue(lotId), 1234);
    }

    /// @dev Nobody, the admin included, grants the default admin role directly: only the two-step hand-over
    /// (contracts/test/governance/AdminHandover.t.sol).
    function test_GrantAdminRole_Matrix() external {
        address[] memory callers = _withContracts();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
            vm.prank(caller);
            lending.grantRole(adminRole, caller);
            assertEq(lending.hasRole(adminRole, caller), caller == admin, "unchanged");
        }
    }

    function test_RevokeRole_Matrix() external {
        address[] memory callers = _withContracts();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            if (caller == admin) continue;
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
            );
            vm.prank(caller);
            lending.revokeRole(riskRole, risk);
            assertTrue(lending.hasRole(riskRole, risk));
        }

        vm.prank(admin);
        lending.revokeRole(riskRole, risk);
        assertFalse(lending.hasRole(riskRole, risk));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, risk, riskRole)
        );
        vm.prank(risk);
        lending.setLoanToValue(lotId, 1000);
    }

    function test_RenounceRole_OnlySelf() external {
        address[] memory callers = _withContracts();
        for (uint256 i; i < callers.length; ++i) {
            if (callers[i] == risk) continue;
            vm.expectRevert(IAccessControl.AccessControlBadConfirmation.selector);
            vm.prank(callers[i]);
            lending.renounceRole(riskRole, risk);
        }
        vm.prank(risk);
        lending.renounceRole(riskRole, risk);
        assertFalse(lending.hasRole(riskRole, risk));
    }

    /*//////////////////////////////////////////////////////////////
                           PARTY-RESTRICTED
    //////////////////////////////////////////////////////////////*/

    function test_CancelPledge_OnlyHolder() external {
        uint256 pledgeId = _defaultPledge();
        address[] memory others = _othersThan(alice);
        for (uint256 i; i < others.length; ++i) {
            _expectNotParty(IComputeLending.Lending_NotPledgeHolder.selector, pledgeId, others[i]);
            lending.cancelPledge(pledgeId);
        }
        vm.prank(alice);
        lending.cancelPledge(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Cancelled);
    }

    function test_FundPledge_OnlyDesignatedLender() external {
        uint256 pledgeId = _defaultPledge();
        address[] memory others = _othersThan(lender);
        for (uint256 i; i < others.length; ++i) {
            _expectNotParty(IComputeLending.Lending_NotDesignatedLender.selector, pledgeId, others[i]);
            lending.fundPledge(pledgeId);
        }
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);
    }

    /// @dev Any account may fund a request without a designated lender, but the holder itself (L-4: a self-funded
    /// pledge moves no value).
    function test_FundPledge_OpenToAnyoneWithoutDesignatedLender() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            uint256 snapshot = vm.snapshotState();
            _onboard(all[i]);
            uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
            if (all[i] == alice) {
                vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SelfFunding.selector, pledgeId));
                vm.prank(alice);
                lending.fundPledge(pledgeId);
                _assertStatus(pledgeId, IComputeLending.PledgeStatus.Requested);
            } else {
                vm.prank(all[i]);
                lending.fundPledge(pledgeId);
                assertEq(lending.pledge(pledgeId).lender, all[i]);
            }
            vm.revertToState(snapshot);
        }
    }

    function test_ClaimCollateral_OnlyLender() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        address[] memory others = _othersThan(lender);
        for (uint256 i; i < others.length; ++i) {
            _expectNotParty(IComputeLending.Lending_NotPledgeLender.selector, pledgeId, others[i]);
            lending.claimCollateral(pledgeId);
        }
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
    }

    /// @dev L-2: the lender alone takes the units out of an auction that sold nothing, whoever started it.
    function test_ClaimCollateral_OutOfAnAuction_OnlyLender() external {
        uint256 pledgeId = _activePledge();
        _onboard(outsider);
        _thirdPartyAuction(outsider, pledgeId);
        address[] memory others = _othersThan(lender);
        for (uint256 i; i < others.length; ++i) {
            _expectNotParty(IComputeLending.Lending_NotPledgeLender.selector, pledgeId, others[i]);
            lending.claimCollateral(pledgeId);
        }
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
    }

    /// @dev The functions open to anyone stay open to every actor (no accidental gating): anyone repays an active
    /// pledge (and pays for it), anyone records a stablecoin pause.
    function test_OpenFunctions_AnyCaller() external {
        uint256 pledgeId = _activePledge();
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            uint256 snapshot = vm.snapshotState();
            _onboard(all[i]);
            vm.prank(all[i]);
            lending.repay(pledgeId);
            _assertStatus(pledgeId, IComputeLending.PledgeStatus.Repaid);
            assertEq(escrow.claimable(lender, address(usdc)), OWED, "lender credited");
            vm.revertToState(snapshot);

            snapshot = vm.snapshotState();
            vm.prank(admin);
            usdc.setPaused(true);
            vm.prank(all[i]);
            lending.recordSettlementPause(address(usdc));
            assertEq(lending.settlementPauseSeenAt(address(usdc)), block.timestamp);
            vm.revertToState(snapshot);
        }
    }

    /*//////////////////////////////////////////////////////////////
                         COLLATERAL AUCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev For AUCTION_GRACE after maturity the lender alone may put the collateral up for auction: every other actor
    /// (the holder included, each allowlisted) is refused, naming when it opens to all, even on a third party's terms.
    function test_StartCollateralAuction_OnlyLenderDuringGrace() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint256 openToAllAt = uint256(maturity) + lending.AUCTION_GRACE();
        address[] memory others = _othersThan(lender);
        for (uint256 i; i < others.length; ++i) {
            _onboard(others[i]);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeLending.Lending_AuctionNotOpenToCaller.selector, pledgeId, others[i], openToAllAt
                )
            );
            _startAuction(others[i], pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);
        }
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
    }

    /// @dev From AUCTION_GRACE after maturity every actor (no role, no stake needed; allowlisted) may start the auction
    /// on a third party's terms: a floor that repays principal + fee, a start within the band, a day at least; it is
    /// recorded as the starter.
    function test_StartCollateralAuction_OpenToAnyoneAfterGrace() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            uint256 snapshot = vm.snapshotState();
            _onboard(all[i]);
            vm.expectEmit(address(lending));
            emit IComputeLending.CollateralAuctionStarted(
                pledgeId,
                all[i],
                THIRD_PARTY_LOWEST_START,
                THIRD_PARTY_FLOOR,
                uint40(block.timestamp),
                uint40(block.timestamp + THIRD_PARTY_DURATION)
            );
            _startAuction(all[i], pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);
            _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
            vm.revertToState(snapshot);
        }
    }

    /// @dev Every actor (allowlisted and funded: the token's receiver checks still apply) may buy from a running
    /// auction (after its start block), and anyone may settle an ended one; the unsold units go to the lender whoever
    /// settles.
    function test_CollateralAuction_BuyAndSettle_AnyCaller() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            uint256 snapshot = vm.snapshotState();
            _onboard(all[i]);
            uint256 before = token.balanceOf(all[i], lotId);
            _buyAt(all[i], pledgeId, 10);
            assertEq(token.balanceOf(all[i], lotId) - before, all[i] == alice ? 0 : 10, "bought (alice: released)");
            assertEq(escrow.claimable(lender, address(usdc)), 10 * PRICE_AN_HOUR_IN, "lender credited");
            vm.revertToState(snapshot);

            snapshot = vm.snapshotState();
            vm.warp(block.timestamp + AUCTION_DURATION);
            vm.prank(all[i]);
            lending.settleCollateralAuction(pledgeId);
            _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
            assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "to the lender");
            vm.revertToState(snapshot);
        }
    }
}

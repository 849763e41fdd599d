// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";

/// @notice Who may call what: role-gated admin functions against every named actor, and every party-restricted
/// function against every account that is not the party. (Offers are the market's: market/AccessControlMatrix.t.sol.)
contract AccessControlMatrix_Test is EscrowBase {
    bytes32 internal riskRole;
    bytes32 internal adminRole;

    function setUp() public override {
        super.setUp();
        riskRole = escrow.RISK_ROLE();
        adminRole = escrow.DEFAULT_ADMIN_ROLE();
    }

    /// @dev Every named actor plus a fresh outsider-like account, minus `party`.
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

    /// @dev Expects the party error `selector(recordId, caller)` and pranks `caller`.
    function _expectNotParty(bytes4 selector, uint256 recordId, address caller) internal {
        vm.expectRevert(abi.encodeWithSelector(selector, recordId, caller));
        vm.prank(caller);
    }

    /*//////////////////////////////////////////////////////////////
                              ROLE-GATED
    //////////////////////////////////////////////////////////////*/

    function test_SetLoanToValue_Matrix() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            address caller = all[i];
            bool allowed = caller == admin || caller == risk;
            if (!allowed) {
                vm.expectRevert(
                    abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, riskRole)
                );
            }
            vm.prank(caller);
            // forge-lint: disable-next-line(unsafe-typecast)
            escrow.setLoanToValue(lotId, uint16(1000 + i));
            if (allowed) assertEq(escrow.loanToValue(lotId), 1000 + i);
        }
        assertEq(escrow.loanToValue(lotId), 1005, "risk (index 5) set it last");
    }

    /// @dev Only the market (MARKET_ROLE) credits sales; not even the admin holds the role. The payment is already in
    /// the escrow, so every refusal is the role's, not Escrow_SaleUnfunded.
    function test_CreditSale_Matrix() external {
        bytes32 marketRole = escrow.MARKET_ROLE();
        vm.prank(admin);
        usdc.mint(address(escrow), 1e6);
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            address caller = all[i];
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, marketRole)
            );
            vm.prank(caller);
            escrow.creditSale(caller, 1e6);
        }
        vm.prank(address(market));
        escrow.creditSale(alice, 1e6);
        assertEq(escrow.claimable(alice), 1e6);
    }

    function test_GrantRole_Matrix() external {
        address[11] memory all = _allActors();
        address grantee = makeAddr("grantee");
        for (uint256 i; i < all.length; ++i) {
            address caller = all[i];
            if (caller != admin) {
                vm.expectRevert(
                    abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
                );
            }
            vm.prank(caller);
            escrow.grantRole(riskRole, grantee);
            assertEq(escrow.hasRole(riskRole, grantee), caller == admin || i > 0);
        }
        // The granted role works.
        vm.prank(grantee);
        escrow.setLoanToValue(lotId, 1234);
        assertEq(escrow.loanToValue(lotId), 1234);
    }

    /// @dev Nobody, the admin included, grants the default admin role directly: only the two-step hand-over
    /// (contracts/test/governance/AdminHandover.t.sol).
    function test_GrantAdminRole_Matrix() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            address caller = all[i];
            vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
            vm.prank(caller);
            escrow.grantRole(adminRole, caller);
            assertEq(escrow.hasRole(adminRole, caller), caller == admin, "unchanged");
        }
    }

    function test_RevokeRole_Matrix() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            address caller = all[i];
            if (caller == admin) continue;
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
            );
            vm.prank(caller);
            escrow.revokeRole(riskRole, risk);
            assertTrue(escrow.hasRole(riskRole, risk));
        }

        vm.prank(admin);
        escrow.revokeRole(riskRole, risk);
        assertFalse(escrow.hasRole(riskRole, risk));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, risk, riskRole)
        );
        vm.prank(risk);
        escrow.setLoanToValue(lotId, 1000);
    }

    function test_RenounceRole_OnlySelf() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            if (all[i] == risk) continue;
            vm.expectRevert(IAccessControl.AccessControlBadConfirmation.selector);
            vm.prank(all[i]);
            escrow.renounceRole(riskRole, risk);
        }
        vm.prank(risk);
        escrow.renounceRole(riskRole, risk);
        assertFalse(escrow.hasRole(riskRole, risk));
    }

    /*//////////////////////////////////////////////////////////////
                           PARTY-RESTRICTED
    //////////////////////////////////////////////////////////////*/

    function test_CancelPledge_OnlyHolder() external {
        uint256 pledgeId = _defaultPledge();
        address[] memory others = _othersThan(alice);
        for (uint256 i; i < others.length; ++i) {
            _expectNotParty(IComputeEscrow.Escrow_NotPledgeHolder.selector, pledgeId, others[i]);
            escrow.cancelPledge(pledgeId);
        }
        vm.prank(alice);
        escrow.cancelPledge(pledgeId);
    }

    function test_FundPledge_OnlyDesignatedLender() external {
        uint256 pledgeId = _defaultPledge();
        address[] memory others = _othersThan(lender);
        for (uint256 i; i < others.length; ++i) {
            _expectNotParty(IComputeEscrow.Escrow_NotDesignatedLender.selector, pledgeId, others[i]);
            escrow.fundPledge(pledgeId);
        }
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
    }

    function test_FundPledge_OpenToAnyoneWithoutDesignatedLender() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            uint256 snapshot = vm.snapshotState();
            _onboard(all[i]);
            uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
            vm.prank(all[i]);
            escrow.fundPledge(pledgeId);
            assertEq(escrow.pledge(pledgeId).lender, all[i]);
            vm.revertToState(snapshot);
        }
    }

    function test_ClaimCollateral_OnlyLender() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        address[] memory others = _othersThan(lender);
        for (uint256 i; i < others.length; ++i) {
            _expectNotParty(IComputeEscrow.Escrow_NotPledgeLender.selector, pledgeId, others[i]);
            escrow.claimCollateral(pledgeId);
        }
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
    }

    function test_WithdrawBond_OnlyProvider() external {
        vm.warp(endsAt);
        address[] memory others = _othersThan(provider);
        for (uint256 i; i < others.length; ++i) {
            _expectNotParty(IComputeEscrow.Escrow_NotLotProvider.selector, lotId, others[i]);
            escrow.withdrawBond(lotId, 1e6);
        }
        vm.prank(provider);
        escrow.withdrawBond(lotId, 1e6);
    }

    function test_ConfirmDelivery_OnlyHolder() external {
        uint256 redemptionId = _redeem(alice, 10);
        address[] memory others = _othersThan(alice);
        for (uint256 i; i < others.length; ++i) {
            _expectNotParty(IComputeEscrow.Escrow_NotRedemptionHolder.selector, redemptionId, others[i]);
            escrow.confirmDelivery(redemptionId);
        }
        vm.prank(alice);
        escrow.confirmDelivery(redemptionId);
    }

    /// @dev The functions open to anyone stay open to every actor (no accidental gating).
    function test_OpenFunctions_AnyCaller() external {
        uint256 redemptionId = _redeem(alice, 10);
        _reportPool(1, 10_000, 1000);
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(all[i]);
            escrow.confirmDeliveryByOracle(redemptionId);
            vm.revertToState(snapshot);

            snapshot = vm.snapshotState();
            vm.warp(endsAt + GRACE + 1);
            vm.prank(all[i]);
            escrow.claimRefund(redemptionId);
            vm.revertToState(snapshot);
        }
    }
}

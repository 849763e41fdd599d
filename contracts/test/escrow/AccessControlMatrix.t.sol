// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {MockStablecoin} from "../mocks/MockStablecoin.sol";
import {EscrowBase} from "./EscrowBase.sol";

/// @notice Who may call what: role-gated functions against every named actor and the suite's modules, and every
/// party-restricted function against every account that is not the party. (Offers are the market's:
/// market/AccessControlMatrix.t.sol; pledges and loan-to-value the lending module's: lending/AccessControlMatrix.t.sol.)
contract AccessControlMatrix_Test is EscrowBase {
    bytes32 internal marketRole;
    bytes32 internal lendingRole;
    bytes32 internal adminRole;

    function setUp() public override {
        super.setUp();
        marketRole = escrow.MARKET_ROLE();
        lendingRole = escrow.LENDING_ROLE();
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

    /// @dev Every named actor, then the market and the lending module (the suite's two role-holding modules).
    function _withModules() internal view returns (address[] memory list) {
        address[11] memory all = _allActors();
        list = new address[](all.length + 2);
        for (uint256 i; i < all.length; ++i) {
            list[i] = all[i];
        }
        list[all.length] = address(market);
        list[all.length + 1] = address(lending);
    }

    /// @dev Expects the party error `selector(recordId, caller)` and pranks `caller`.
    function _expectNotParty(bytes4 selector, uint256 recordId, address caller) internal {
        vm.expectRevert(abi.encodeWithSelector(selector, recordId, caller));
        vm.prank(caller);
    }

    /*//////////////////////////////////////////////////////////////
                              ROLE-GATED
    //////////////////////////////////////////////////////////////*/

    /// @dev Only the market (MARKET_ROLE) credits sales; not even the admin holds the role, nor the lending module. The
    /// payment is already in the escrow, so every refusal is the role's, not Escrow_SaleUnfunded.
    function test_CreditSale_Matrix() external {
        vm.prank(admin);
        usdc.mint(address(escrow), 1e6);
        address[] memory callers = _withModules();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            if (caller == address(market)) continue;
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, marketRole)
            );
            vm.prank(caller);
            escrow.creditSale(caller, lotId, 1e6);
        }
        vm.prank(address(market));
        escrow.creditSale(alice, lotId, 1e6);
        assertEq(escrow.claimable(alice, address(usdc)), 1e6);
    }

    /// @dev Only the lending module (LENDING_ROLE) credits principals and repayments; not even the admin holds the role,
    /// nor the market. The payment is already in the escrow, so every refusal is the role's, not Escrow_LoanUnfunded.
    function test_CreditLoan_Matrix() external {
        vm.prank(admin);
        usdc.mint(address(escrow), 1e6);
        address[] memory callers = _withModules();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            if (caller == address(lending)) continue;
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, lendingRole)
            );
            vm.prank(caller);
            escrow.creditLoan(caller, lotId, 1e6);
        }
        vm.prank(address(lending));
        escrow.creditLoan(alice, lotId, 1e6);
        assertEq(escrow.claimable(alice, address(usdc)), 1e6);
    }

    /// @dev Only the admin (DEFAULT_ADMIN_ROLE) accepts or refuses a settlement currency: no other actor, not the
    /// market nor the lending module. Refusals leave the currency as it was, both ways.
    function test_SetCurrencyAccepted_Matrix() external {
        MockStablecoin eurc = new MockStablecoin("Euro Coin (test)", "EURC", 6, admin);
        address[] memory callers = _withModules();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            if (caller == admin) continue;
            for (uint256 b; b < 2; ++b) {
                address currency = b == 0 ? address(eurc) : address(usdc);
                vm.expectRevert(
                    abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
                );
                vm.prank(caller);
                escrow.setCurrencyAccepted(currency, b == 0);
            }
        }
        (bool eurcAccepted,) = escrow.currencyInfo(address(eurc));
        (bool usdcAccepted,) = escrow.currencyInfo(address(usdc));
        assertFalse(eurcAccepted, "nobody accepted EURC");
        assertTrue(usdcAccepted, "nobody refused USDC");

        vm.prank(admin);
        escrow.setCurrencyAccepted(address(eurc), true);
        (eurcAccepted,) = escrow.currencyInfo(address(eurc));
        assertTrue(eurcAccepted, "the admin did");
    }

    /// @dev Only the admin wires the curtailment module; then nobody, the admin included, can rewire it.
    function test_SetCurtailmentModule_Matrix() external {
        address[] memory callers = _withModules();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            if (caller == admin) continue;
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
            );
            vm.prank(caller);
            escrow.setCurtailmentModule(caller);
        }
        assertEq(escrow.curtailmentModule(), address(0), "nobody wired one");
        vm.prank(admin);
        escrow.setCurtailmentModule(outsider);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentModuleAlreadySet.selector, outsider));
        vm.prank(admin);
        escrow.setCurtailmentModule(admin);
    }

    /// @dev Only the wired curtailment module records interruptible terms and reserves and credits curtailment
    /// refunds: no actor, not the market nor
    /// the lending module, and nobody at all while no module is wired.
    function test_CurtailmentRefunds_OnlyTheModule() external {
        address[] memory callers = _withModules();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, caller));
            vm.prank(caller);
            escrow.reserveCurtailment(lotId, 1);
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, caller));
            vm.prank(caller);
            escrow.creditCurtailment(lotId, caller, 1);
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, caller));
            vm.prank(caller);
            escrow.setInterruptible(uint256(keccak256("a lot nobody issued")), 1, 1);
        }
    }

    /// @dev The pledge functions and RISK_ROLE left the escrow with the lending module: their selectors no longer
    /// dispatch (the escrow has no fallback), whoever calls.
    function test_PledgeAndRiskFunctions_GoneFromTheEscrow() external {
        bytes[4] memory calls = [
            abi.encodeWithSignature("setLoanToValue(uint256,uint16)", lotId, uint16(1000)),
            abi.encodeWithSignature("RISK_ROLE()"),
            abi.encodeWithSignature("fundPledge(uint256)", uint256(1)),
            abi.encodeWithSignature("recordSettlementPause(address)", address(usdc))
        ];
        address[11] memory all = _allActors();
        for (uint256 c; c < calls.length; ++c) {
            for (uint256 i; i < all.length; ++i) {
                vm.prank(all[i]);
                (bool ok, bytes memory ret) = address(escrow).call(calls[c]);
                assertFalse(ok, "selector still dispatches");
                assertEq(ret.length, 0, "no error of the escrow's");
            }
        }
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
            escrow.grantRole(lendingRole, grantee);
            assertEq(escrow.hasRole(lendingRole, grantee), caller == admin || i > 0);
        }
        // The granted role works (on a payment that arrived).
        vm.prank(admin);
        usdc.mint(address(escrow), 1234);
        vm.prank(grantee);
        escrow.creditLoan(grantee, lotId, 1234);
        assertEq(escrow.claimable(grantee, address(usdc)), 1234);
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

    /// @dev Only the admin revokes a module's role; once it has, the module's flows stop at the escrow.
    function test_RevokeRole_Matrix() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            address caller = all[i];
            if (caller == admin) continue;
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
            );
            vm.prank(caller);
            escrow.revokeRole(lendingRole, address(lending));
            assertTrue(escrow.hasRole(lendingRole, address(lending)));
        }

        vm.prank(admin);
        escrow.revokeRole(lendingRole, address(lending));
        assertFalse(escrow.hasRole(lendingRole, address(lending)));
        uint256 pledgeId = _defaultPledge();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(lending), lendingRole
            )
        );
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }

    function test_RenounceRole_OnlySelf() external {
        address[] memory callers = _withModules();
        for (uint256 i; i < callers.length; ++i) {
            if (callers[i] == address(market)) continue;
            vm.expectRevert(IAccessControl.AccessControlBadConfirmation.selector);
            vm.prank(callers[i]);
            escrow.renounceRole(marketRole, address(market));
        }
        vm.prank(address(market));
        escrow.renounceRole(marketRole, address(market));
        assertFalse(escrow.hasRole(marketRole, address(market)));
    }

    /*//////////////////////////////////////////////////////////////
                           PARTY-RESTRICTED
    //////////////////////////////////////////////////////////////*/

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

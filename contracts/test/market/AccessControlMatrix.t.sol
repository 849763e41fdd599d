// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

import {IComputeMarket} from "../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "./MarketBase.sol";

/// @notice Who may call what on the market: `setIndexWindow` (RISK_ROLE) and role management against every named
/// actor, `cancelOffer`, `cancelAsk` and `cancelBid` against every account that is not the maker, and the open
/// functions against everyone.
contract MarketAccessControlMatrix_Test is MarketBase {
    bytes32 internal riskRole;
    bytes32 internal adminRole;

    function setUp() public override {
        super.setUp();
        riskRole = market.RISK_ROLE();
        adminRole = market.DEFAULT_ADMIN_ROLE();
    }

    /*//////////////////////////////////////////////////////////////
                              ROLE-GATED
    //////////////////////////////////////////////////////////////*/

    function test_SetIndexWindow_Matrix() external {
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
            market.setIndexWindow(uint32(1 days + i));
            if (allowed) assertEq(market.indexWindow(), 1 days + i);
        }
        assertEq(market.indexWindow(), 1 days + 5, "risk (index 5) set it last");
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
            market.grantRole(riskRole, grantee);
            assertEq(market.hasRole(riskRole, grantee), caller == admin || i > 0);
        }
        // The granted role works.
        vm.prank(grantee);
        market.setIndexWindow(2 days);
        assertEq(market.indexWindow(), 2 days);
    }

    /// @dev Nobody, the admin included, grants the default admin role directly: only the two-step hand-over.
    function test_GrantAdminRole_Matrix() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            address caller = all[i];
            vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
            vm.prank(caller);
            market.grantRole(adminRole, caller);
            assertEq(market.hasRole(adminRole, caller), caller == admin, "unchanged");
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
            market.revokeRole(riskRole, risk);
            assertTrue(market.hasRole(riskRole, risk));
        }

        vm.prank(admin);
        market.revokeRole(riskRole, risk);
        assertFalse(market.hasRole(riskRole, risk));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, risk, riskRole)
        );
        vm.prank(risk);
        market.setIndexWindow(1 days);
    }

    function test_RenounceRole_OnlySelf() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            if (all[i] == risk) continue;
            vm.expectRevert(IAccessControl.AccessControlBadConfirmation.selector);
            vm.prank(all[i]);
            market.renounceRole(riskRole, risk);
        }
        vm.prank(risk);
        market.renounceRole(riskRole, risk);
        assertFalse(market.hasRole(riskRole, risk));
    }

    /*//////////////////////////////////////////////////////////////
                           PARTY-RESTRICTED
    //////////////////////////////////////////////////////////////*/

    function test_CancelOffer_OnlySeller() external {
        uint256 offerId = _defaultOffer();
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            if (all[i] == alice) continue;
            vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_NotOfferSeller.selector, offerId, all[i]));
            vm.prank(all[i]);
            market.cancelOffer(offerId);
        }
        vm.prank(alice);
        market.cancelOffer(offerId);
        assertTrue(market.offer(offerId).cancelled);
    }

    function test_CancelAsk_OnlySeller() external {
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes32 orderHash = market.hashAsk(ask);
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            if (all[i] == alice) continue;
            vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_NotOrderMaker.selector, orderHash, all[i]));
            vm.prank(all[i]);
            market.cancelAsk(ask);
        }
        vm.prank(alice);
        market.cancelAsk(ask);
        (, bool cancelled) = market.orderStatus(orderHash);
        assertTrue(cancelled);
    }

    function test_CancelBid_OnlyBuyer() external {
        IComputeMarket.Bid memory bid = _bid(bob, 100, PRICE);
        bytes32 orderHash = market.hashBid(bid);
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            if (all[i] == bob) continue;
            vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_NotOrderMaker.selector, orderHash, all[i]));
            vm.prank(all[i]);
            market.cancelBid(bid);
        }
        vm.prank(bob);
        market.cancelBid(bid);
        (, bool cancelled) = market.orderStatus(orderHash);
        assertTrue(cancelled);
    }

    /// @dev Listing, buying, filling signed orders and raising one's own order counter are open to every account
    /// (compliance is the token's, checked when units move).
    function test_OpenFunctions_AnyCaller() external {
        address[11] memory all = _allActors();
        uint256 offerId = _defaultOffer();
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory askSig = _signAsk(ALICE_KEY, ask);
        IComputeMarket.Bid memory bid = _bid(bob, 100, PRICE);
        bytes memory bidSig = _signBid(BOB_KEY, bid);
        for (uint256 i; i < all.length; ++i) {
            uint256 snapshot = vm.snapshotState();
            _onboard(all[i]);
            if (all[i] != alice) {
                vm.prank(alice);
                token.safeTransferFrom(alice, all[i], lotId, 1, "");
            }
            vm.startPrank(all[i]);
            market.createOffer(lotId, 1, PRICE, endsAt);
            market.createAuction(lotId, 1, 2 * uint256(PRICE), PRICE, uint40(block.timestamp), endsAt);
            market.purchase(offerId, 1, PRICE);
            market.fillAsk(ask, askSig, 1);
            market.fillBid(bid, bidSig, lotId, 1);
            assertEq(market.incrementOrderCounter(), 1);
            vm.stopPrank();
            vm.revertToState(snapshot);
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeCurtailment} from "../../src/interfaces/IComputeCurtailment.sol";
import {CurtailmentBase} from "./CurtailmentBase.sol";

/// @notice Who may call what on the curtailment module, which has no roles: declarations are the spec's provider's
/// and revocations the declaring provider's, against every other named account; sync, finalize and claims are open.
contract Curtailment_AccessControlMatrix_Test is CurtailmentBase {
    function test_DeclareInterruptible_OnlyTheSpecsProvider() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.metadataHash = keccak256("matrix lot");
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            if (all[i] == provider) continue;
            vm.expectRevert(
                abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotSpecProvider.selector, provider, all[i])
            );
            vm.prank(all[i]);
            curtailment.declareInterruptible(spec, SHARE_BPS, RATE, CAPACITY);
        }
        _declare(spec, SHARE_BPS, RATE, CAPACITY);
    }

    function test_RevokeDeclaration_OnlyTheDeclaringProvider() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            if (all[i] == provider) continue;
            vm.expectRevert(
                abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotDeclaringProvider.selector, iLot, all[i])
            );
            vm.prank(all[i]);
            curtailment.revokeDeclaration(iLot);
        }
        vm.prank(provider);
        curtailment.revokeDeclaration(iLot);
    }

    function test_OpenFunctions_AnyCaller() external {
        _issueInterruptible(800, 500, 200);
        vm.prank(bob);
        uint256 redemptionId = escrow.redeem(iLot, 50);
        vm.prank(bob);
        escrow.confirmDelivery(redemptionId);
        vm.warp(iStartsAt + 1 days);
        _reportCurtailed(12, 0);
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(all[i]);
            assertEq(curtailment.sync(POOL_2), 12);
            vm.warp(iEndsAt);
            _reportCurtailed(0, 0);
            vm.prank(all[i]);
            curtailment.sync(POOL_2);
            vm.prank(all[i]);
            curtailment.finalize(iLot);
            vm.prank(all[i]);
            curtailment.claim(iLot, alice);
            vm.prank(all[i]);
            curtailment.claimRedeemed(redemptionId);
            vm.revertToState(snapshot);
        }
    }
}

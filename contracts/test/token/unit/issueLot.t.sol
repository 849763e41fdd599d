// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {ComputeCapacityToken} from "../../../src/token/ComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `issueLot` (see issueLot.tree).
contract IssueLot_Unit_Test is TokenBase {
    function _expectRevertIssue(IComputeCapacityToken.LotSpec memory spec, address to, uint256 units, bytes memory err)
        internal
    {
        vm.expectRevert(err);
        vm.prank(provider);
        token.issueLot(spec, to, units);
    }

    function _invalidWindow(IComputeCapacityToken.LotSpec memory spec) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InvalidWindow.selector, spec.startsAt, spec.endsAt
            );
    }

    function _windowEnded(IComputeCapacityToken.LotSpec memory spec) internal view returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_WindowEnded.selector, spec.endsAt, block.timestamp
            );
    }

    function test_RevertWhen_TheCallerNeverWasAProvider() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.provider = outsider;
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, outsider));
        vm.prank(outsider);
        token.issueLot(spec, alice, 1);
    }

    function test_RevertWhen_TheCallerWasRemovedAsAProvider() external {
        vm.prank(registrar);
        token.removeProvider(provider);
        _expectRevertIssue(
            _spec(),
            provider,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, provider)
        );
    }

    function test_RevertWhen_TheSpecNamesAnotherProvider() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.provider = provider2;
        _expectRevertIssue(
            spec,
            provider,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotSpecProvider.selector, provider2, provider)
        );
    }

    function test_RevertWhen_ThePoolIsNotAssigned() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.poolId = keccak256("pool:nowhere");
        _expectRevertIssue(
            spec,
            provider,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownPool.selector, spec.poolId)
        );
    }

    function test_RevertWhen_ThePoolBelongsToAnotherProvider() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.poolId = POOL_3;
        _expectRevertIssue(
            spec,
            provider,
            1,
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_PoolNotOwned.selector, POOL_3, provider2, provider
            )
        );
    }

    function test_RevertWhen_TheWindowIsEmpty() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.startsAt = spec.endsAt;
        _expectRevertIssue(spec, provider, 1, _invalidWindow(spec));
    }

    function test_RevertWhen_TheWindowIsInverted() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.startsAt = spec.endsAt + 1;
        _expectRevertIssue(spec, provider, 1, _invalidWindow(spec));
    }

    function test_RevertWhen_EndsAtEqualsNow() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.startsAt = uint40(block.timestamp - 10 days);
        spec.endsAt = uint40(block.timestamp);
        _expectRevertIssue(spec, provider, 1, _windowEnded(spec));
    }

    function test_RevertWhen_EndsAtIsInThePast() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.startsAt = uint40(block.timestamp - 10 days);
        spec.endsAt = uint40(block.timestamp - 1);
        _expectRevertIssue(spec, provider, 1, _windowEnded(spec));
    }

    function test_RevertWhen_TheSLAExceeds10000Bps() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.slaUptimeBps = 10_001;
        _expectRevertIssue(
            spec,
            provider,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SlaUptimeTooHigh.selector, 10_001)
        );
    }

    function test_RevertWhen_TheReferencePriceIsZero() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.referencePrice = 0;
        _expectRevertIssue(spec, provider, 1, _err(IComputeCapacityToken.ComputeToken_ZeroReferencePrice.selector));
    }

    function test_RevertWhen_TheBondCoverageIsZero() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.bondCoverageBps = 0;
        _expectRevertIssue(
            spec,
            provider,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InvalidBondCoverage.selector, uint16(0))
        );
    }

    function test_RevertWhen_TheBondCoverageExceeds10000Bps() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.bondCoverageBps = 10_001;
        _expectRevertIssue(
            spec,
            provider,
            1,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InvalidBondCoverage.selector, uint16(10_001))
        );
    }

    /// @dev S-10: the off-chain document must hash to `metadataHash`, so a zero hash names no document.
    function test_RevertWhen_TheMetadataHashIsZero() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.metadataHash = bytes32(0);
        _expectRevertIssue(spec, provider, 1, _err(IComputeCapacityToken.ComputeToken_MissingMetadataHash.selector));
    }

    /// @dev C-2: a zero currency names no settlement currency; the escrow would read it as a later issuance of an
    /// existing lot and revert ComputeToken_UnknownLot. The token refuses it with the other spec checks, before it
    /// records anything or calls the bond vault (a token without one refuses it the same way).
    /// @dev A token with the provider and its pool registered but no bond vault wired.
    function _bareToken() internal returns (ComputeCapacityToken bare) {
        bare = new ComputeCapacityToken(admin, 0, BASE_URI);
        vm.startPrank(admin);
        bare.grantRole(REGISTRAR_ROLE, admin);
        bare.registerProvider(provider);
        bare.registerPool(POOL, provider);
        vm.stopPrank();
    }

    function test_RevertWhen_TheCurrencyIsTheZeroAddress() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.currency = address(0);
        _expectRevertIssue(spec, provider, 1, _err(IComputeCapacityToken.ComputeToken_MissingCurrency.selector));
        assertFalse(token.exists(token.lotIdOf(spec)), "no lot");

        ComputeCapacityToken bare = _bareToken();
        vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_MissingCurrency.selector));
        vm.prank(provider);
        bare.issueLot(spec, provider, 1);
    }

    function test_RevertWhen_NoBondVaultIsSet() external {
        ComputeCapacityToken bare = _bareToken();
        vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_BondVaultNotSet.selector));
        vm.prank(provider);
        bare.issueLot(_spec(), provider, 1);
    }

    /// @dev S-1: an issue the provider's stablecoin cannot bond is refused (here: no allowance left).
    function test_RevertWhen_TheProviderCannotPayTheBond() external {
        vm.prank(provider);
        usdc.approve(address(escrow), 10 * uint256(PRICE) - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(escrow),
                10 * uint256(PRICE) - 1,
                10 * uint256(PRICE)
            )
        );
        vm.prank(provider);
        token.issueLot(_spec(), provider, 10);
    }

    function test_When_TheLotsBondIsQueried() external {
        uint256 before = usdc.balanceOf(provider);
        uint256 lotId = _issue(_spec(), alice, 10);
        (uint256 total, uint256 reserved) = escrow.bondOf(lotId);
        assertEq(total, 10 * uint256(PRICE), "bond = outstanding x unitCover");
        assertEq(reserved, 0);
        assertEq(usdc.balanceOf(provider), before - total, "pulled from the provider");
        assertEq(token.lot(lotId).bondCoverageBps, 10_000, "coverage on the lot record");
    }

    function test_RevertWhen_TheGPUModelIsEmpty() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.gpuModel = bytes16(0);
        _expectRevertIssue(
            spec, provider, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_MissingGpuModel.selector, POOL)
        );
    }

    function test_RevertWhen_TheRegionIsEmpty() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.region = bytes16(0);
        _expectRevertIssue(
            spec, provider, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_MissingRegion.selector, POOL)
        );
    }

    function test_RevertWhen_TheGPUModelDiffersFromThePools() external {
        IComputeCapacityToken.LotSpec memory first = _spec();
        _issue(first, provider, 1);
        IComputeCapacityToken.LotSpec memory spec = _specN(1);
        spec.gpuModel = bytes16("B200-SXM-192GB");
        _expectRevertIssue(
            spec,
            provider,
            1,
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_PoolProfileMismatch.selector, POOL, first.gpuModel, first.region
            )
        );
    }

    function test_RevertWhen_TheRegionDiffersFromThePools() external {
        IComputeCapacityToken.LotSpec memory first = _spec();
        _issue(first, provider, 1);
        IComputeCapacityToken.LotSpec memory spec = _specN(1);
        spec.region = bytes16("us-east");
        _expectRevertIssue(
            spec,
            provider,
            1,
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_PoolProfileMismatch.selector, POOL, first.gpuModel, first.region
            )
        );
    }

    function test_RevertWhen_UnitsIsZero() external {
        _expectRevertIssue(_spec(), provider, 0, _err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector));
    }

    function test_RevertWhen_UnitsExceedsTypeUint48Max() external {
        uint256 units = MAX_UNITS + 1;
        _expectRevertIssue(
            _spec(),
            provider,
            units,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnitsOverflow.selector, units, MAX_UNITS)
        );
    }

    function test_RevertWhen_TheLotExistsAlready() external {
        uint256 lotId = _issueLot(5);
        _expectRevertIssue(
            _spec(), provider, 5, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExists.selector, lotId)
        );
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        _pause();
        _expectRevertIssue(_spec(), provider, 5, _err(Pausable.EnforcedPause.selector));
    }

    function test_RevertWhen_TheReceiverIsTheZeroAddress() external {
        _expectRevertIssue(
            _spec(), address(0), 5, abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, address(0))
        );
    }

    function test_RevertWhen_TheReceiverIsFrozen() external {
        _freeze(alice);
        _expectRevertIssue(
            _spec(), alice, 5, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, alice)
        );
    }

    function test_RevertWhen_TheReceiverIsNotAllowed() external {
        _expectRevertIssue(
            _spec(),
            outsider,
            5,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider)
        );
    }

    function test_When_AllChecksPass() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        uint256 expectedId = token.lotIdOf(spec);

        vm.expectEmit(true, true, true, true, address(token));
        emit IComputeCapacityToken.LotCreated(expectedId, provider, POOL, spec);
        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsIssued(expectedId, alice, 1000);
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC1155.TransferSingle(provider, address(0), alice, expectedId, 1000);
        vm.prank(provider);
        uint256 lotId = token.issueLot(spec, alice, 1000);

        // it should return lotIdOf(spec), with endsAt in the top 40 bits
        assertEq(lotId, expectedId);
        assertEq(lotId >> 216, spec.endsAt);
        // it should store the lot
        assertTrue(token.exists(lotId));
        IComputeCapacityToken.Lot memory stored = token.lot(lotId);
        assertEq(stored.provider, provider);
        assertEq(stored.poolId, POOL);
        assertEq(stored.gpuModel, spec.gpuModel);
        assertEq(stored.region, spec.region);
        assertEq(stored.startsAt, spec.startsAt);
        assertEq(stored.endsAt, spec.endsAt);
        assertEq(stored.referencePrice, PRICE);
        assertEq(stored.slaUptimeBps, SLA);
        assertEq(stored.energyWhPerGpuHour, spec.energyWhPerGpuHour);
        assertEq(stored.metadataHash, spec.metadataHash);
        assertEq(stored.unitsIssued, 1000);
        assertEq(stored.unitsBurned, 0);
        // it should mint the units to the receiver
        assertEq(token.balanceOf(alice, lotId), 1000);
        assertEq(token.totalSupply(lotId), 1000);
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
    }

    function test_When_ALaterLotMatchesThePoolProfile() external {
        IComputeCapacityToken.LotSpec memory first = _spec();
        _issue(first, provider, 1);
        IComputeCapacityToken.LotSpec memory spec = _specN(1);
        spec.slaUptimeBps = 9500;
        spec.referencePrice = PRICE * 2;
        uint256 lotId = _issue(spec, provider, 2);
        IComputeCapacityToken.Lot memory stored = token.lot(lotId);
        // it should record the pool profile from the first lot
        assertEq(stored.gpuModel, first.gpuModel);
        assertEq(stored.region, first.region);
        assertEq(stored.slaUptimeBps, 9500);
    }

    function test_When_TheWindowHasAlreadyStarted() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.startsAt = uint40(block.timestamp - 1 days);
        spec.endsAt = uint40(block.timestamp + 1);
        uint256 lotId = _issue(spec, provider, 3);
        assertEq(token.balanceOf(provider, lotId), 3);
    }

    function test_When_TheSLAIsExactly10000Bps() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.slaUptimeBps = 10_000;
        uint256 lotId = _issue(spec, provider, 3);
        assertEq(token.lot(lotId).slaUptimeBps, 10_000);
    }

    function test_When_UnitsIsExactlyTypeUint48Max() external {
        uint256 lotId = _issue(_spec(), provider, MAX_UNITS);
        assertEq(token.balanceOf(provider, lotId), MAX_UNITS);
        assertEq(token.totalSupply(lotId), MAX_UNITS);
    }

    function test_When_TheSpecDiffersOnlyInItsMetadataHash() external {
        uint256 a = _issue(_specN(1), provider, 1);
        uint256 b = _issue(_specN(2), provider, 1);
        assertTrue(a != b);
        assertEq(a >> 216, b >> 216);
    }
}

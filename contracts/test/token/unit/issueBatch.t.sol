// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `issueBatch` (see issueBatch.tree).
contract IssueBatch_Unit_Test is TokenBase {
    uint256 internal lotA;
    uint256 internal lotB;
    uint256 internal lotOther; // provider2's

    function setUp() public override {
        super.setUp();
        lotA = _issue(_specN(1), provider, 10);
        IComputeCapacityToken.LotSpec memory spec = _specN(2);
        spec.endsAt = spec.endsAt + 30 days;
        lotB = _issue(spec, provider, 20);
        lotOther = _issue(_spec2(), provider2, 5);
    }

    function _pair(uint256 a, uint256 b) internal pure returns (uint256[] memory list) {
        list = new uint256[](2);
        (list[0], list[1]) = (a, b);
    }

    function _expectRevertBatch(uint256[] memory ids, address to, uint256[] memory units, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(provider);
        token.issueBatch(ids, to, units);
    }

    function test_RevertWhen_TheArraysDifferInLength() external {
        uint256[] memory units = new uint256[](3);
        _expectRevertBatch(
            _pair(lotA, lotB),
            alice,
            units,
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LengthMismatch.selector, 2, 3)
        );
    }

    function test_RevertWhen_ALotDoesNotExist() external {
        uint256 unknown = lotB ^ 1;
        _expectRevertBatch(
            _pair(lotA, unknown),
            alice,
            _pair(1, 1),
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, unknown)
        );
    }

    function test_RevertWhen_TheCallerIsNotTheProviderOfALot() external {
        _expectRevertBatch(
            _pair(lotA, lotOther),
            alice,
            _pair(1, 1),
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotLotProvider.selector, lotOther, provider)
        );
    }

    function test_RevertWhen_TheCallerWasRemovedAsProvider() external {
        vm.prank(registrar);
        token.removeProvider(provider);
        _expectRevertBatch(
            _pair(lotA, lotB),
            alice,
            _pair(1, 1),
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, provider)
        );
    }

    function test_RevertWhen_ALotHasExpired() external {
        uint40 endsAt = _endsAt(lotA);
        vm.warp(endsAt);
        _expectRevertBatch(
            _pair(lotB, lotA),
            alice,
            _pair(1, 1),
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotA, endsAt)
        );
    }

    function test_RevertWhen_AUnitCountIsZero() external {
        _expectRevertBatch(
            _pair(lotA, lotB), alice, _pair(1, 0), _err(IComputeCapacityToken.ComputeToken_ZeroUnits.selector)
        );
    }

    function test_RevertWhen_ASingleEntryTakesItsLotPastTypeUint48Max() external {
        uint256 units = MAX_UNITS - 20 + 1;
        _expectRevertBatch(
            _pair(lotA, lotB),
            alice,
            _pair(1, units),
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnitsOverflow.selector, units, MAX_UNITS - 20)
        );
    }

    function test_RevertWhen_TwoEntriesOfTheSameLotTogetherTakeItPastTypeUint48Max() external {
        uint256 first = MAX_UNITS - 10; // reaches the cap exactly
        _expectRevertBatch(
            _pair(lotA, lotA),
            alice,
            _pair(first, 1),
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnitsOverflow.selector, 1, 0)
        );
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        _pause();
        _expectRevertBatch(_pair(lotA, lotB), alice, _pair(1, 1), _err(Pausable.EnforcedPause.selector));
    }

    function test_RevertWhen_TheReceiverIsFrozen() external {
        _freeze(alice);
        _expectRevertBatch(
            _pair(lotA, lotB),
            alice,
            _pair(1, 1),
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, alice)
        );
    }

    function test_RevertWhen_TheReceiverIsNotAllowed() external {
        _expectRevertBatch(
            _pair(lotA, lotB),
            outsider,
            _pair(1, 1),
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider)
        );
    }

    function test_When_AllChecksPass() external {
        uint256[] memory ids = _pair(lotA, lotB);
        uint256[] memory units = _pair(3, 7);

        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsIssued(lotA, alice, 3);
        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.UnitsIssued(lotB, alice, 7);
        vm.expectEmit(true, true, true, true, address(token));
        emit IERC1155.TransferBatch(provider, address(0), alice, ids, units);
        vm.prank(provider);
        token.issueBatch(ids, alice, units);

        assertEq(token.lot(lotA).unitsIssued, 13);
        assertEq(token.lot(lotB).unitsIssued, 27);
        assertEq(token.balanceOf(alice, lotA), 3);
        assertEq(token.balanceOf(alice, lotB), 7);
        assertEq(token.totalSupply(lotA), 13);
        assertEq(token.totalSupply(lotB), 27);
    }

    function test_When_ALotAppearsTwice() external {
        vm.prank(provider);
        token.issueBatch(_pair(lotA, lotA), bob, _pair(2, 5));
        assertEq(token.lot(lotA).unitsIssued, 17);
        assertEq(token.balanceOf(bob, lotA), 7);
    }

    function test_When_TheArraysAreEmpty() external {
        vm.recordLogs();
        vm.prank(provider);
        token.issueBatch(new uint256[](0), alice, new uint256[](0));
        // Only the (empty) TransferBatch of the underlying mint is emitted; no UnitsIssued.
        assertEq(vm.getRecordedLogs().length, 1);
        assertEq(token.totalSupply(lotA), 10);
        assertEq(token.totalSupply(lotB), 20);
    }
}

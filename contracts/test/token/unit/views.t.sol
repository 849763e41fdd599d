// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC1155MetadataURI} from "@openzeppelin/contracts/token/ERC1155/extensions/IERC1155MetadataURI.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Tests of the token's views: ERC-165, uri, lotIdOf, lot, exists, totalSupply (see views.tree).
contract Views_Unit_Test is TokenBase {
    function test_When_TheInterfaceIsOneTheTokenImplements() external view {
        assertTrue(token.supportsInterface(type(IERC165).interfaceId));
        assertTrue(token.supportsInterface(type(IERC1155).interfaceId));
        assertTrue(token.supportsInterface(type(IERC1155MetadataURI).interfaceId));
        assertTrue(token.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(token.supportsInterface(type(IComputeCapacityToken).interfaceId));
    }

    function test_When_TheInterfaceIsAnyOtherOne() external view {
        assertFalse(token.supportsInterface(type(IERC20).interfaceId));
        assertFalse(token.supportsInterface(0xffffffff));
        assertFalse(token.supportsInterface(0x00000000));
    }

    function test_When_CallingUri() external {
        uint256 lotId = _issueLot(1);
        assertEq(token.uri(lotId), BASE_URI);
        assertEq(token.uri(12_345), BASE_URI);
    }

    function test_When_CallingLotIdOf() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        uint256 expected =
            (uint256(spec.endsAt) << 216) | (uint256(keccak256(abi.encode(spec))) & ((uint256(1) << 216) - 1));
        assertEq(token.lotIdOf(spec), expected);
        assertEq(token.lotIdOf(spec) >> 216, spec.endsAt);

        vm.prank(provider);
        uint256 lotId = token.issueLot(spec, provider, 1);
        assertEq(lotId, expected);
    }

    function test_RevertWhen_TheLotDoesNotExist() external {
        uint256 unknown = token.lotIdOf(_spec());
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, unknown));
        token.lot(unknown);
    }

    function test_When_TheLotExists() external {
        uint256 lotId = _issueLot(9);
        IComputeCapacityToken.Lot memory stored = token.lot(lotId);
        assertEq(stored.provider, provider);
        assertEq(stored.unitsIssued, 9);
        assertEq(stored.endsAt, _endsAt(lotId));
    }

    function test_When_CallingExists() external {
        uint256 expected = token.lotIdOf(_spec());
        assertFalse(token.exists(expected));
        uint256 lotId = _issueLot(1);
        assertTrue(token.exists(lotId));
        assertFalse(token.exists(lotId ^ 1));
        assertFalse(token.exists(0));
    }

    function test_When_CallingTotalSupplyForAnUnknownLot() external view {
        assertEq(token.totalSupply(token.lotIdOf(_spec())), 0);
    }

    function test_When_CallingTotalSupplyForAnExistingLot() external {
        uint256 lotId = _issueTo(alice, 100);
        vm.prank(provider);
        token.issue(lotId, bob, 50);
        vm.startPrank(escrowAgent);
        token.redeemFrom(alice, lotId, 30);
        token.redeemFrom(bob, lotId, 5);
        vm.stopPrank();
        IComputeCapacityToken.Lot memory stored = token.lot(lotId);
        assertEq(stored.unitsIssued, 150);
        assertEq(stored.unitsBurned, 35);
        assertEq(token.totalSupply(lotId), 115);
        assertEq(token.totalSupply(lotId), token.balanceOf(alice, lotId) + token.balanceOf(bob, lotId));
    }
}
